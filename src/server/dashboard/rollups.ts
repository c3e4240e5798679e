import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { ProgramConfig } from '../loyalty/program-config';

/**
 * The dashboard rollups (#17) are kept by triggers (migration `dashboard_rollups`) in the
 * transaction of each event. This file builds them from the base tables: once, when the server
 * starts on a database whose rollups were never built (or were built for another top tier or
 * tier window), and on demand with `npm run dashboard:rebuild`.
 */

export type RollupSettings = { topTierMinSpendYen: number; tierWindowMonths: number };

export function rollupSettings(program: Pick<ProgramConfig, 'tiers' | 'tierWindow'>): RollupSettings {
  return { topTierMinSpendYen: program.tiers.at(-1)!.minSpendYen, tierWindowMonths: program.tierWindow.months };
}

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** What the rollups were built with, or null when they never were. */
export async function builtRollups(db: Database): Promise<(RollupSettings & { builtAt: Date }) | null> {
  const [row] = await rows<{ built_at: Date | string; top_tier_min_spend_yen: number; tier_window_months: number }>(
    db,
    sql`SELECT built_at, top_tier_min_spend_yen, tier_window_months FROM dashboard_rollup_state WHERE id = 1`,
  );
  if (!row) return null;
  return { builtAt: new Date(row.built_at), topTierMinSpendYen: row.top_tier_min_spend_yen, tierWindowMonths: row.tier_window_months };
}

const REBUILD: ReturnType<typeof sql>[] = [
  // Taken first: a trigger reads this table, so events wait here until the new rollups are committed,
  // and events already inside a trigger are committed (and seen below) before the rebuild starts.
  sql`LOCK TABLE dashboard_rollup_state IN ACCESS EXCLUSIVE MODE`,
  sql`TRUNCATE dashboard_days, dashboard_coupon_days, dashboard_store_days, dashboard_store_shoppers, dashboard_store_member_days,
    dashboard_points_expiry, dashboard_friend_changes, dashboard_top_tier_changes, dashboard_reachable`,
  sql`INSERT INTO dashboard_reachable (shard, members, reachable)
    SELECT 0, count(*), count(*) FILTER (WHERE f.is_friend) FROM members m LEFT JOIN line_friends f ON f.line_user_id = m.line_user_id
    WHERE m.line_user_id IS NOT NULL`,
  sql`INSERT INTO dashboard_friend_changes (line_user_id, day, delta) SELECT line_user_id, day, delta FROM dashboard_friend_timeline`,
  sql`INSERT INTO dashboard_top_tier_changes (member_id, day, delta) SELECT member_id, day, delta FROM dashboard_top_tier_timeline`,
  sql`INSERT INTO dashboard_store_member_days (store_id, member_id, day, previous_day)
    SELECT store_id, member_id, day, previous_day FROM dashboard_store_member_timeline`,
  sql`INSERT INTO dashboard_store_shoppers (day, store_id, previous_day, shard, shoppers)
    SELECT day, store_id, previous_day, dashboard_shopper_shard(member_id, previous_day), count(*) FROM dashboard_store_member_days GROUP BY 1, 2, 3, 4`,
  sql`INSERT INTO dashboard_store_days (day, store_id, shard, purchases, spend_yen)
    SELECT dashboard_jst_day(purchased_at), store_id, dashboard_event_shard(id), count(*), sum(amount_yen) FROM purchases WHERE voided_at IS NULL GROUP BY 1, 2, 3`,
  sql`INSERT INTO dashboard_points_expiry (hour, shard, points)
    SELECT date_trunc('hour', expires_at, 'UTC'), dashboard_shard(member_id::text || id), sum(remaining)
    FROM point_lots WHERE reversed_at IS NULL AND remaining > 0 GROUP BY 1, 2`,
  sql`INSERT INTO dashboard_coupon_days (day, kind, shard, issued, redeemed)
    SELECT day, kind, shard, sum(issued), sum(redeemed) FROM (
      SELECT dashboard_jst_day(issued_at) AS day, kind, dashboard_shard(id::text) AS shard, 1 AS issued, 0 AS redeemed FROM coupons
      UNION ALL
      SELECT dashboard_jst_day(used_at), kind, dashboard_shard(id::text), 0, 1 FROM coupons WHERE used_at IS NOT NULL
    ) c GROUP BY 1, 2, 3`,
  sql`INSERT INTO dashboard_days (day, shard, members_created, profiles_completed, links, linked_delta, incentives_granted, follows, unfollows, friends_delta, top_tier_delta)
    SELECT day, shard, sum(members), sum(profiles), sum(links), sum(linked), sum(incentives), sum(follows), sum(unfollows), sum(friends), sum(top_tier) FROM (
      SELECT dashboard_jst_day(created_at) AS day, dashboard_shard(id::text) AS shard, 1 AS members, 0 AS profiles, 0 AS links, 0 AS linked, 0 AS incentives,
        0 AS follows, 0 AS unfollows, 0 AS friends, 0 AS top_tier FROM members
      UNION ALL SELECT dashboard_jst_day(completed_at), dashboard_shard(member_id::text), 0, 1, 0, 0, 0, 0, 0, 0, 0 FROM member_profiles
      UNION ALL SELECT dashboard_jst_day(linked_at), dashboard_shard(id::text), 0, 0, 1, 1, 0, 0, 0, 0, 0 FROM member_links
      UNION ALL SELECT dashboard_jst_day(unlinked_at), dashboard_shard(id::text), 0, 0, 0, -1, 0, 0, 0, 0, 0 FROM member_links WHERE unlinked_at IS NOT NULL
      UNION ALL SELECT dashboard_jst_day(granted_at), dashboard_shard(crm_member_id), 0, 0, 0, 0, 1, 0, 0, 0, 0 FROM crm_member_benefits WHERE kind = 'link_incentive'
      UNION ALL SELECT dashboard_jst_day(occurred_at), dashboard_shard(id::text), 0, 0, 0, 0, 0, (kind = 'follow')::int, (kind = 'unfollow')::int, 0, 0 FROM line_friend_events
      UNION ALL SELECT day, dashboard_shard(line_user_id), 0, 0, 0, 0, 0, 0, 0, delta, 0 FROM dashboard_friend_changes
      UNION ALL SELECT day, dashboard_shard(member_id::text), 0, 0, 0, 0, 0, 0, 0, 0, delta FROM dashboard_top_tier_changes
    ) d GROUP BY 1, 2`,
];

/** Truncates the rollups and computes them again from the base tables, in one transaction. */
export async function rebuildRollups(db: Database, program: Pick<ProgramConfig, 'tiers' | 'tierWindow'>, now: Date): Promise<void> {
  const settings = rollupSettings(program);
  await db.transaction(async (tx) => {
    const [first, ...rest] = REBUILD;
    await tx.execute(first!);
    // The top tier's timeline reads the threshold and window from the state row: it is written first.
    await tx.execute(sql`DELETE FROM dashboard_rollup_state`);
    await tx.execute(
      sql`INSERT INTO dashboard_rollup_state (id, built_at, top_tier_min_spend_yen, tier_window_months) VALUES (1, ${now}, ${settings.topTierMinSpendYen}, ${settings.tierWindowMonths})`,
    );
    for (const statement of rest) await tx.execute(statement);
  });
}

/** Builds the rollups when they never were, or were built for another top tier or window; says whether it did. */
export async function ensureRollups(db: Database, program: Pick<ProgramConfig, 'tiers' | 'tierWindow'>, now: Date): Promise<boolean> {
  const built = await builtRollups(db);
  const wanted = rollupSettings(program);
  if (built && built.topTierMinSpendYen === wanted.topTierMinSpendYen && built.tierWindowMonths === wanted.tierWindowMonths) return false;
  await rebuildRollups(db, program, now);
  return true;
}
