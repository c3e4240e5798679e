import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { SegmentFilter } from '../../contract/segments';
import { endOfJstDay, parseJstDate } from '../loyalty/jst';
import type { ProgramConfig } from '../loyalty/program-config';
import { tierWindowStart } from '../loyalty/tiers';

/**
 * Segment rules, pure: a filter becomes the WHERE clause of one query over `members m`
 * (SEGMENT_FROM). Every value travels as a bound parameter of drizzle's `sql` template; nothing
 * typed by an admin is ever part of the SQL text. Friend status, link, profile and consent are
 * members' own columns (members/segment-flags.ts); tier, last purchase and store read the member's
 * member_facts row (one semi-join for all three; purchases only to recount facts that do not
 * hold at `now`); points expiring reads the point_lots_expiring index.
 */

export type SegmentContext = { now: Date; program: Pick<ProgramConfig, 'tiers' | 'tierWindow' | 'stores'> };

/** Problems a filter has against the programme (the contract has checked its shape): field → message. */
export function filterProblems(filter: SegmentFilter, program: SegmentContext['program']): Record<string, string> {
  const problems: Record<string, string> = {};
  const tierIds = new Set(program.tiers.map((tier) => tier.id));
  const unknownTier = filter.tiers?.find((id) => !tierIds.has(id));
  if (unknownTier !== undefined) problems['filter.tiers'] = `No tier ${unknownTier} in the programme`;
  if (filter.purchasedAtStore !== undefined && !program.stores.some((store) => store.id === filter.purchasedAtStore)) {
    problems['filter.purchasedAtStore'] = `No store ${filter.purchasedAtStore} in the programme`;
  }
  if (filter.pointsExpiringBefore !== undefined && !parseJstDate(filter.pointsExpiringBefore)) problems['filter.pointsExpiringBefore'] = 'Not a calendar day';
  return problems;
}

const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * The member_facts rows (`mf`, loyalty/member-facts.ts) whose tier-window spend at `now` is in one
 * of `ranges`. A row's counted spend is that spend when it holds at `now` — counted from a start no
 * later than the window's, nothing counted older than the window, nothing dated after now. The other
 * rows (members the daily refresh has not reached yet, or a `now` in the past) are recounted from
 * purchases, each alone, by `member_window_spend` (the tier rule, tiers.ts; migration member_facts).
 */
function spendInRanges(ranges: { min: number; below: number | null }[], context: SegmentContext): SQL {
  const start = timestamp(tierWindowStart(context.now, context.program));
  const now = timestamp(context.now);
  const holds = sql`mf.spend_from <= ${start} AND (mf.oldest_counted_at IS NULL OR mf.oldest_counted_at >= ${start})
    AND (mf.last_purchase_at IS NULL OR mf.last_purchase_at <= ${now})`;
  const stale = sql`(mf.spend_from > ${start} OR mf.oldest_counted_at < ${start} OR mf.last_purchase_at > ${now})`;
  const inRanges = (spend: SQL) =>
    sql.join(
      ranges.map(({ min, below }) => (below === null ? sql`${spend} >= ${min}` : sql`(${spend} >= ${min} AND ${spend} < ${below})`)),
      sql` OR `,
    );
  return sql`((${holds} AND (${inRanges(sql`mf.spend_yen`)})) OR (${stale} AND (${inRanges(sql`member_window_spend(mf.member_id, ${start}, ${now})`)})))`;
}

/** Spend bounds [min, next tier's min) of each tier id. */
export function tierSpendRanges(tierIds: readonly string[], tiers: readonly { id: string; minSpendYen: number }[]): { min: number; below: number | null }[] {
  return tiers.flatMap((tier, i) => (tierIds.includes(tier.id) ? [{ min: tier.minSpendYen, below: tiers[i + 1]?.minSpendYen ?? null }] : []));
}

/** The WHERE clause of a filter (the empty filter: every member with a LINE account). */
export function compileSegmentFilter(filter: SegmentFilter, context: SegmentContext): SQL {
  const conditions: SQL[] = [];
  const { now } = context;

  // Conditions on the member's member_facts row, ANDed into one EXISTS (one semi-join, not one per condition).
  const facts: SQL[] = [];
  if (filter.linked !== undefined) conditions.push(filter.linked ? sql`m.is_linked` : sql`NOT m.is_linked`);
  if (filter.tiers !== undefined) {
    const chosen = tierSpendRanges(filter.tiers, context.program.tiers);
    // A member without facts has never bought (spend 0, the first tier): when that tier is chosen,
    // the segment is everyone whose facts put them in none of the other tiers (an anti-join).
    const firstTierChosen = filter.tiers.includes(context.program.tiers[0]!.id);
    const others = tierSpendRanges(
      context.program.tiers.map((tier) => tier.id).filter((id) => !filter.tiers!.includes(id)),
      context.program.tiers,
    );
    if (chosen.length === 0) conditions.push(sql`FALSE`);
    else if (!firstTierChosen) facts.push(spendInRanges(chosen, context));
    else if (others.length > 0) conditions.push(sql`NOT EXISTS (SELECT 1 FROM member_facts mf WHERE mf.member_id = m.id AND ${spendInRanges(others, context)})`);
  }
  if (filter.pointsExpiringBefore !== undefined) {
    const day = parseJstDate(filter.pointsExpiringBefore);
    const until = day ? endOfJstDay(day) : now;
    conditions.push(sql`EXISTS (SELECT 1 FROM point_lots pl WHERE pl.member_id = m.id AND pl.remaining > 0 AND pl.reversed_at IS NULL
      AND pl.expires_at >= ${timestamp(now)} AND pl.expires_at <= ${timestamp(until)})`);
  }
  if (filter.birthdayMonth !== undefined) {
    // The same expression as the index members_birthday_month.
    conditions.push(sql`(extract(month from m.birthday)) = ${filter.birthdayMonth}`);
  }
  if (filter.lastPurchaseOlderThanDays !== undefined) {
    const since = new Date(now.getTime() - filter.lastPurchaseOlderThanDays * 86_400_000);
    // The member's latest non-voided purchase, kept in member_facts (no row, or null: never bought, not in the segment).
    facts.push(sql`mf.last_purchase_at <= ${timestamp(since)}`);
  }
  if (filter.purchasedAtStore !== undefined) {
    // The stores of the member's non-voided purchases, kept in member_facts.
    facts.push(sql`${filter.purchasedAtStore}::text = ANY (mf.stores)`);
  }
  if (facts.length > 0) conditions.push(sql`EXISTS (SELECT 1 FROM member_facts mf WHERE mf.member_id = m.id AND ${sql.join(facts, sql` AND `)})`);
  if (filter.profileCompleted !== undefined) conditions.push(filter.profileCompleted ? sql`m.has_profile` : sql`NOT m.has_profile`);
  // Null (no follow or block known) is neither.
  if (filter.friendship !== undefined) conditions.push(filter.friendship === 'friend' ? sql`m.is_friend IS TRUE` : sql`m.is_friend IS FALSE`);
  if (filter.marketingConsent !== undefined) conditions.push(filter.marketingConsent ? sql`m.marketing_consent` : sql`NOT m.marketing_consent`);
  // Withdrawn (and moved) cards keep their row for the ledger but lose their LINE account: never in a segment.
  conditions.push(sql`m.line_user_id IS NOT NULL`);
  return sql.join(conditions, sql` AND `);
}

/** The FROM clause every segment query runs over (the alias compileSegmentFilter names). */
export const SEGMENT_FROM = sql`members m`;

/** Hash buckets per send: 0..9999. */
export const BUCKETS = 10_000;

/**
 * The group a member falls in for a send: a hash of (send, member) into 10,000 buckets; the first
 * `holdoutPercent` % are the hold-out, the rest split evenly among the variants. Deterministic: a
 * rerun assigns everyone the same group. `assignmentSql` is the same rule in SQL (md5 in both).
 */
export function bucketOf(sendId: string, memberId: string): number {
  return parseInt(createHash('md5').update(`${sendId}:${memberId}`).digest('hex').slice(0, 8), 16) % BUCKETS;
}

export function groupOfBucket(bucket: number, holdoutPercent: number, variants: readonly string[]): string {
  const holdoutBuckets = holdoutPercent * (BUCKETS / 100);
  if (bucket < holdoutBuckets) return 'holdout';
  const index = Math.floor(((bucket - holdoutBuckets) * variants.length) / (BUCKETS - holdoutBuckets));
  return variants[index]!;
}

export function assignmentSql(sendId: string, holdoutPercent: number, variants: readonly string[]): SQL {
  const bucket = sql`(('x' || substr(md5(${sendId}::text || ':' || m.id::text), 1, 8))::bit(32)::bigint % ${BUCKETS})`;
  const holdoutBuckets = holdoutPercent * (BUCKETS / 100);
  const whens = variants.map((variant, i) => {
    const upper = holdoutBuckets + Math.ceil(((i + 1) * (BUCKETS - holdoutBuckets)) / variants.length);
    return sql`WHEN ${bucket} < ${upper} THEN ${variant}`;
  });
  return sql`(CASE WHEN ${bucket} < ${holdoutBuckets} THEN 'holdout' ${sql.join(whens, sql` `)} END)`;
}
