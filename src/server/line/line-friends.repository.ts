import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { lineFriends } from '../db/schema/line';

/** Records a friend status seen at `at`; an older observation never overwrites a newer one (webhook or app). */
export async function recordFriendStatus(db: Database, status: { lineUserId: string; isFriend: boolean; at: Date }): Promise<void> {
  await db
    .insert(lineFriends)
    .values({ lineUserId: status.lineUserId, isFriend: status.isFriend, changedAt: status.at })
    .onConflictDoUpdate({
      target: lineFriends.lineUserId,
      set: { isFriend: status.isFriend, changedAt: status.at },
      setWhere: sql`${lineFriends.changedAt} < ${status.at.toISOString()}`,
    });
}
