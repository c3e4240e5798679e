import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';

/**
 * members.is_friend, is_linked, has_profile and marketing_consent: copies of line_friends,
 * member_links and member_profiles that segment counts read instead of joining those tables, so a
 * count is one pass over members (schema/members.ts). Triggers keep them in every writing
 * transaction (migration 0015); the follow webhook and a registration for the same LINE user
 * serialise on an advisory lock there, so neither misses the other.
 *
 * `rebuildSegmentFlags` computes every member's flags again (the demo generator writes with
 * triggers off; `npm run dashboard:rebuild` after a restore or a hand-made fix) and returns how
 * many rows it changed: on a database the triggers kept, none.
 */
export async function rebuildSegmentFlags(db: Database): Promise<number> {
  const changed = await db.transaction(async (tx) => {
    const result = (await tx.execute(sql`SELECT rebuild_segment_flags() AS changed`)) as unknown as { rows: { changed: number }[] };
    return Number(result.rows[0]?.changed ?? 0);
  });
  // The planner's view of the flags' spread (a friend filter keeps 88 % of members, a consent one 33 %).
  await db.execute(sql`ANALYZE members`);
  return changed;
}
