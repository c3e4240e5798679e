import { sql, type SQL } from 'drizzle-orm';
import type { BlocksPerDay, CouponFigures, DashboardRange, Funnel, LinksPerDay, PointsLiability, ProgramRules, ReachableMembers, StoreFigures } from '../../contract/dashboard';
import type { Database } from '../db/database';
import { addDaysJst, addMonthsToYearMonth, jstDate, parseJstDate, startOfJstDay, startOfJstMonth } from '../loyalty/jst';
import { storeName, type ProgramConfig } from '../loyalty/program-config';
import { tierWindowStart } from '../loyalty/tiers';

/**
 * Every figure of the operator dashboard, one set-based query each, in this one file: the tables
 * they read (purchases, point lots, coupons; the friend events, links, link benefits and
 * profiles) meet here and nowhere else. Days are JST calendar days; a range [from, to] covers
 * 00:00 JST on `from` up to (not including) 00:00 JST on the day after `to`.
 */

const JST = sql.raw(`'Asia/Tokyo'`);

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  // Both drivers (PGlite, node-postgres) answer `execute` with `{ rows }`.
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The instants a range of JST days covers: [start, end). */
export function rangeInstants(range: DashboardRange): { start: Date; end: Date } {
  const from = parseJstDate(range.from);
  const to = parseJstDate(range.to);
  if (!from || !to) throw new Error(`not a JST day range: ${range.from}..${range.to}`);
  return { start: startOfJstDay(from), end: startOfJstDay(addDaysJst(to, 1)) };
}

/** `kind` of each LINE user's latest friend event before `at`, counted: the friends at that instant. */
function friendsAt(at: Date): SQL {
  return sql`(SELECT count(*)::int FROM (
      SELECT DISTINCT ON (line_user_id) kind FROM line_friend_events
      WHERE occurred_at < ${at} ORDER BY line_user_id, occurred_at DESC, id DESC
    ) latest WHERE kind = 'follow')`;
}

export async function funnel(db: Database, program: ProgramConfig, range: DashboardRange): Promise<Funnel> {
  const { end } = rangeInstants(range);
  const topTier = program.tiers.at(-1)!;
  // The tier window ending at the last instant of the range (tiers.ts: start ≤ purchasedAt ≤ now).
  const windowStart = tierWindowStart(new Date(end.getTime() - 1), program);
  const [row] = await rows<{ friends: number; members: number; linked: number; profile_complete: number; top_tier: number }>(
    db,
    sql`SELECT
      ${friendsAt(end)} AS friends,
      (SELECT count(*)::int FROM members WHERE created_at < ${end}) AS members,
      (SELECT count(DISTINCT member_id)::int FROM member_links
        WHERE linked_at < ${end} AND (unlinked_at IS NULL OR unlinked_at >= ${end})) AS linked,
      (SELECT count(*)::int FROM member_profiles WHERE completed_at < ${end}) AS profile_complete,
      (SELECT count(*)::int FROM (
        SELECT member_id FROM purchases
        WHERE purchased_at >= ${windowStart} AND purchased_at < ${end} AND (voided_at IS NULL OR voided_at >= ${end})
        GROUP BY member_id HAVING sum(amount_yen) >= ${topTier.minSpendYen}
      ) qualified) AS top_tier`,
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

/** Every day of the range as a row, so days without events show as zeros. */
function daysOf(range: DashboardRange): SQL {
  return sql`SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS d`;
}

export async function linksPerDay(db: Database, range: DashboardRange): Promise<LinksPerDay> {
  const { start, end } = rangeInstants(range);
  const days = await rows<{ day: string; links: number; incentive_granted: number }>(
    db,
    sql`WITH days AS (${daysOf(range)}),
      links AS (
        SELECT to_char(linked_at AT TIME ZONE ${JST}, 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM member_links WHERE linked_at >= ${start} AND linked_at < ${end} GROUP BY 1),
      incentives AS (
        SELECT to_char(granted_at AT TIME ZONE ${JST}, 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM crm_member_benefits WHERE kind = 'link_incentive' AND granted_at >= ${start} AND granted_at < ${end} GROUP BY 1)
      SELECT days.day, coalesce(links.n, 0) AS links, coalesce(incentives.n, 0) AS incentive_granted
      FROM days LEFT JOIN links USING (day) LEFT JOIN incentives USING (day) ORDER BY days.day`,
  );
  return {
    days: days.map((d) => ({ day: d.day, links: d.links, incentiveGranted: d.incentive_granted })),
    totalLinks: days.reduce((sum, d) => sum + d.links, 0),
  };
}

const COUPON_KINDS = ['birthday', 'stamp_reward', 'welcome', 'tier_reward'] as const;

/** Coupons issued in the range, and coupons redeemed in the range (whenever they were issued), by kind. */
export async function couponFigures(db: Database, range: DashboardRange): Promise<CouponFigures> {
  const { start, end } = rangeInstants(range);
  const found = await rows<{ kind: (typeof COUPON_KINDS)[number]; issued: number; redeemed: number }>(
    db,
    sql`SELECT kind, sum(issued)::int AS issued, sum(redeemed)::int AS redeemed FROM (
        SELECT kind, count(*) AS issued, 0 AS redeemed FROM coupons WHERE issued_at >= ${start} AND issued_at < ${end} GROUP BY kind
        UNION ALL
        SELECT kind, 0, count(*) FROM coupons WHERE used_at >= ${start} AND used_at < ${end} GROUP BY kind
      ) counted GROUP BY kind`,
  );
  return couponFiguresAnswer(found);
}

/** Every coupon kind in a fixed order, zeros where the range has none; the rollups answer alike. */
export function couponFiguresAnswer(found: Array<{ kind: string; issued: number; redeemed: number }>): CouponFigures {
  return {
    kinds: COUPON_KINDS.map((kind) => {
      const row = found.find((r) => r.kind === kind);
      return { kind, issued: row?.issued ?? 0, redeemed: row?.redeemed ?? 0 };
    }),
  };
}

/** Members with a LINE account now, and those whose latest friend status (webhook or app report) is "friend". */
export async function reachableMembers(db: Database): Promise<ReachableMembers> {
  const [row] = await rows<{ members: number; reachable: number }>(
    db,
    sql`SELECT count(*)::int AS members, count(*) FILTER (WHERE f.is_friend)::int AS reachable
      FROM members m LEFT JOIN line_friends f ON f.line_user_id = m.line_user_id
      WHERE m.line_user_id IS NOT NULL`,
  );
  return { members: row!.members, reachable: row!.reachable };
}

/** Points members hold now (live lots' remaining points) and what of it expires in the next JST calendar month. */
export async function pointsLiability(db: Database, program: ProgramConfig, now: Date): Promise<PointsLiability> {
  const today = jstDate(now);
  const next = addMonthsToYearMonth(today, 1);
  const after = addMonthsToYearMonth(today, 2);
  const nextStart = startOfJstMonth(next.year, next.month);
  const nextEnd = startOfJstMonth(after.year, after.month);
  const [row] = await rows<{ outstanding: number; expiring: number }>(
    db,
    sql`SELECT
        coalesce(sum(remaining), 0)::float8 AS outstanding,
        coalesce(sum(remaining) FILTER (WHERE expires_at >= ${nextStart} AND expires_at < ${nextEnd}), 0)::float8 AS expiring
      FROM point_lots WHERE remaining > 0 AND reversed_at IS NULL AND expires_at >= ${now}`,
  );
  const outstanding = Number(row!.outstanding);
  const expiring = Number(row!.expiring);
  return pointsLiabilityAnswer(program, next, outstanding, expiring);
}

/** The liability answer from its two sums (points outstanding now, points expiring next JST month); the rollups answer alike. */
export function pointsLiabilityAnswer(
  program: Pick<ProgramConfig, 'pointValueYen'>,
  next: { year: number; month: number },
  outstanding: number,
  expiring: number,
): PointsLiability {
  return {
    outstandingPoints: outstanding,
    pointValueYen: program.pointValueYen,
    liabilityYen: Math.round(outstanding * program.pointValueYen),
    expiringNextMonth: {
      month: `${next.year}-${String(next.month).padStart(2, '0')}`,
      points: expiring,
      yen: Math.round(expiring * program.pointValueYen),
    },
  };
}

export async function blocksPerDay(db: Database, range: DashboardRange): Promise<BlocksPerDay> {
  const { start, end } = rangeInstants(range);
  const days = await rows<{ day: string; follows: number; blocks: number }>(
    db,
    sql`WITH days AS (${daysOf(range)}),
      events AS (
        SELECT to_char(occurred_at AT TIME ZONE ${JST}, 'YYYY-MM-DD') AS day,
          count(*) FILTER (WHERE kind = 'follow')::int AS follows,
          count(*) FILTER (WHERE kind = 'unfollow')::int AS blocks
        FROM line_friend_events WHERE occurred_at >= ${start} AND occurred_at < ${end} GROUP BY 1)
      SELECT days.day, coalesce(events.follows, 0) AS follows, coalesce(events.blocks, 0) AS blocks
      FROM days LEFT JOIN events USING (day) ORDER BY days.day`,
  );
  const [atStart] = await rows<{ friends: number }>(db, sql`SELECT ${friendsAt(start)} AS friends`);
  return blocksPerDayAnswer(days, atStart!.friends);
}

/** Block rate = blocks ÷ (friends at the start + follows in the range); the rollups answer alike. */
export function blocksPerDayAnswer(days: Array<{ day: string; follows: number; blocks: number }>, friendsAtStart: number): BlocksPerDay {
  const follows = days.reduce((sum, d) => sum + d.follows, 0);
  const blocks = days.reduce((sum, d) => sum + d.blocks, 0);
  const exposed = friendsAtStart + follows;
  return { days, friendsAtStart, follows, blocks, blockRate: exposed === 0 ? 0 : blocks / exposed };
}

/** Purchases that stand (not voided) in the range, per store; `onlyStore` narrows it to one store (a manager's own). */
export async function storeFigures(db: Database, program: Pick<ProgramConfig, 'stores'>, range: DashboardRange, onlyStore: string | null): Promise<StoreFigures> {
  const { start, end } = rangeInstants(range);
  const stores = await rows<{ store_id: string; purchases: number; spend_yen: number; shoppers: number }>(
    db,
    sql`SELECT store_id, count(*)::int AS purchases, sum(amount_yen)::float8 AS spend_yen, count(DISTINCT member_id)::int AS shoppers
      FROM purchases
      WHERE purchased_at >= ${start} AND purchased_at < ${end} AND voided_at IS NULL
        ${onlyStore === null ? sql`` : sql`AND store_id = ${onlyStore}`}
      GROUP BY store_id ORDER BY sum(amount_yen) DESC, store_id`,
  );
  return { stores: stores.map((s) => ({ storeId: s.store_id, storeName: storeName(program, s.store_id), purchases: s.purchases, spendYen: Number(s.spend_yen), shoppers: s.shoppers })) };
}

export function programRules(program: ProgramConfig): ProgramRules {
  return {
    brandName: program.brandName,
    pointValueYen: program.pointValueYen,
    tiers: program.tiers.map(({ id, name, minSpendYen, pointsPer100Yen }) => ({ id, name, minSpendYen, pointsPer100Yen })),
    tierWindowMonths: program.tierWindow.months,
    pointExpiry: program.pointExpiry,
    stamps: {
      minPurchaseYen: program.stamps.minPurchaseYen,
      maxPerDay: program.stamps.maxPerDay,
      cardSize: program.stamps.cardSize,
      rewardTitle: program.stamps.reward.title,
    },
    birthdayCoupon: { enabled: program.coupons.birthday.enabled, title: program.coupons.birthday.title },
    incentives: program.incentives,
    memberCode: {
      symbology: program.memberCode.symbology,
      rotatingEnabled: program.memberCode.rotating.enabled,
      rotatingPeriodSeconds: program.memberCode.rotating.periodSeconds,
    },
    register: {
      maxPurchaseYen: program.registerControls.limits.maxPurchaseYen,
      maxPurchasesPerMemberPerDay: program.registerControls.limits.maxPurchasesPerMemberPerDay,
      maxPointsPerMemberPerDay: program.registerControls.limits.maxPointsPerMemberPerDay,
      approvalAboveYen: program.registerControls.approval.purchaseAboveYen,
    },
  };
}
