import { sql, type SQL } from 'drizzle-orm';
import type { BlocksPerDay, CouponFigures, DashboardRange, Funnel, LinksPerDay, PointsLiability, ReachableMembers, StoreFigures } from '../../contract/dashboard';
import type { Database } from '../db/database';
import { addMonthsToYearMonth, jstDate, startOfJstMonth } from '../loyalty/jst';
import { storeName, type ProgramConfig } from '../loyalty/program-config';
import { blocksPerDayAnswer, couponFiguresAnswer, pointsLiabilityAnswer } from './figures';

/**
 * The dashboard's figures read from the rollups (#17, `dashboard_*` tables kept by triggers): a
 * few thousand rows per figure whatever the number of members. `figures.ts` computes the same
 * figures from the base tables and is the reference `rollup-figures.test.ts` holds these to.
 * Shards are summed here.
 */

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

function daysOf(range: DashboardRange): SQL {
  return sql`SELECT d::date AS day FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS d`;
}

export async function funnel(db: Database, program: ProgramConfig, range: DashboardRange): Promise<Funnel> {
  const topTier = program.tiers.at(-1)!;
  const [row] = await rows<{ friends: number; members: number; linked: number; profile_complete: number; top_tier: number }>(
    db,
    sql`SELECT coalesce(sum(friends_delta), 0)::int AS friends, coalesce(sum(members_created), 0)::int AS members,
        coalesce(sum(linked_delta), 0)::int AS linked, coalesce(sum(profiles_completed), 0)::int AS profile_complete,
        coalesce(sum(top_tier_delta), 0)::int AS top_tier
      FROM dashboard_days WHERE day <= ${range.to}::date`,
  );
  return {
    asOf: range.to,
    friends: row!.friends,
    members: row!.members,
    linked: row!.linked,
    profileComplete: row!.profile_complete,
    topTier: { id: topTier.id, name: topTier.name, members: row!.top_tier },
  };
}

export async function linksPerDay(db: Database, range: DashboardRange): Promise<LinksPerDay> {
  const days = await rows<{ day: string; links: number; incentive_granted: number }>(
    db,
    sql`WITH counted AS (
        SELECT day, sum(links)::int AS links, sum(incentives_granted)::int AS incentives FROM dashboard_days
        WHERE day BETWEEN ${range.from}::date AND ${range.to}::date GROUP BY day)
      SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(counted.links, 0) AS links, coalesce(counted.incentives, 0) AS incentive_granted
      FROM (${daysOf(range)}) days LEFT JOIN counted USING (day) ORDER BY days.day`,
  );
  return {
    days: days.map((d) => ({ day: d.day, links: d.links, incentiveGranted: d.incentive_granted })),
    totalLinks: days.reduce((sum, d) => sum + d.links, 0),
  };
}

export async function couponFigures(db: Database, range: DashboardRange): Promise<CouponFigures> {
  const found = await rows<{ kind: string; issued: number; redeemed: number }>(
    db,
    sql`SELECT kind, sum(issued)::int AS issued, sum(redeemed)::int AS redeemed FROM dashboard_coupon_days
      WHERE day BETWEEN ${range.from}::date AND ${range.to}::date GROUP BY kind`,
  );
  return couponFiguresAnswer(found);
}

/** Members with a LINE account now, and those whose latest friend status is "friend". */
export async function reachableMembers(db: Database): Promise<ReachableMembers> {
  const [row] = await rows<{ members: number; reachable: number }>(
    db,
    sql`SELECT coalesce(sum(members), 0)::int AS members, coalesce(sum(reachable), 0)::int AS reachable FROM dashboard_reachable`,
  );
  return { members: row!.members, reachable: row!.reachable };
}

const HOUR_MS = 3_600_000;

/**
 * Live points by the hour their lots expire; the hour in progress is read from the lots
 * themselves (only the lots expiring in it), so "not yet expired" is exact to the instant.
 */
export async function pointsLiability(db: Database, program: ProgramConfig, now: Date): Promise<PointsLiability> {
  const today = jstDate(now);
  const next = addMonthsToYearMonth(today, 1);
  const after = addMonthsToYearMonth(today, 2);
  const nextStart = startOfJstMonth(next.year, next.month);
  const nextEnd = startOfJstMonth(after.year, after.month);
  const nextHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  const [row] = await rows<{ later: number; this_hour: number; expiring: number }>(
    db,
    sql`SELECT
        (SELECT coalesce(sum(points), 0)::float8 FROM dashboard_points_expiry WHERE hour >= ${nextHour}) AS later,
        (SELECT coalesce(sum(remaining), 0)::float8 FROM point_lots
          WHERE remaining > 0 AND reversed_at IS NULL AND expires_at >= ${now} AND expires_at < ${nextHour}) AS this_hour,
        (SELECT coalesce(sum(points), 0)::float8 FROM dashboard_points_expiry WHERE hour >= ${nextStart} AND hour < ${nextEnd}) AS expiring`,
  );
  const outstanding = Number(row!.later) + Number(row!.this_hour);
  const expiring = Number(row!.expiring);
  return pointsLiabilityAnswer(program, next, outstanding, expiring);
}

export async function blocksPerDay(db: Database, range: DashboardRange): Promise<BlocksPerDay> {
  const days = await rows<{ day: string; follows: number; blocks: number }>(
    db,
    sql`WITH counted AS (
        SELECT day, sum(follows)::int AS follows, sum(unfollows)::int AS blocks FROM dashboard_days
        WHERE day BETWEEN ${range.from}::date AND ${range.to}::date GROUP BY day)
      SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(counted.follows, 0) AS follows, coalesce(counted.blocks, 0) AS blocks
      FROM (${daysOf(range)}) days LEFT JOIN counted USING (day) ORDER BY days.day`,
  );
  const [atStart] = await rows<{ friends: number }>(db, sql`SELECT coalesce(sum(friends_delta), 0)::int AS friends FROM dashboard_days WHERE day < ${range.from}::date`);
  return blocksPerDayAnswer(days, atStart!.friends);
}

/** Purchases, spend and distinct shoppers per store: a shopper counts on their first shopping day in the range. */
export async function storeFigures(db: Database, program: Pick<ProgramConfig, 'stores'>, range: DashboardRange, onlyStore: string | null): Promise<StoreFigures> {
  const store = onlyStore === null ? sql`` : sql`AND store_id = ${onlyStore}`;
  const stores = await rows<{ store_id: string; purchases: number; spend_yen: number; shoppers: number }>(
    db,
    sql`SELECT totals.store_id, totals.purchases, totals.spend_yen, coalesce(shoppers.n, 0) AS shoppers FROM (
        SELECT store_id, sum(purchases)::int AS purchases, sum(spend_yen)::float8 AS spend_yen FROM dashboard_store_days
        WHERE day BETWEEN ${range.from}::date AND ${range.to}::date ${store} GROUP BY store_id HAVING sum(purchases) > 0
      ) totals LEFT JOIN (
        SELECT store_id, sum(shoppers)::int AS n FROM dashboard_store_shoppers
        WHERE day BETWEEN ${range.from}::date AND ${range.to}::date AND previous_day < ${range.from}::date ${store} GROUP BY store_id
      ) shoppers USING (store_id)
      ORDER BY totals.spend_yen DESC, totals.store_id`,
  );
  return { stores: stores.map((s) => ({ storeId: s.store_id, storeName: storeName(program, s.store_id), purchases: s.purchases, spendYen: Number(s.spend_yen), shoppers: s.shoppers })) };
}
