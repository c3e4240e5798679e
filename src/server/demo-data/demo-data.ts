import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { addMonthsJst, jstDate, startOfJstDay } from '../loyalty/jst';
import type { ProgramConfig } from '../loyalty/program-config';
import { rebuildRollups } from '../dashboard/rollups';
import { rebuildMemberFacts } from '../loyalty/member-facts';
import { rebuildSegmentFlags } from '../members/segment-flags';

/**
 * A realistic programme history written straight into the database with set-based SQL, a batch
 * of members per transaction (INSERT … SELECT over generate_series; no service call per row), so
 * a million members take minutes on PostgreSQL and ten thousand take seconds on PGlite.
 *
 * Deterministic: every random choice is a hash of (seed, purpose, row index), never random(), so
 * the same --seed and --until give the same members, purchases, links and events on either
 * engine, in any batch size. (Serial ids, and the ledger keys built from them, may differ.)
 *
 * What it writes follows the domain rules of src/server/loyalty:
 * - members over the history with accelerating sign-ups; LINE follow events just before each
 *   sign-up, friends who never register, blocks (fewer in the second half: the segmented-messaging
 *   effect the dinos case reports) and some re-follows;
 * - CRM links, many of them during link-incentive campaigns, which grant `incentives.linkPoints`
 *   (crm_member_benefits + an `adjust` lot); completed profiles with a birthday;
 * - purchases in store hours, points at the rate of the tier held just before each purchase
 *   (spend over the trailing `tierWindow.months`), lots expiring at the end of the month
 *   `pointExpiry.months` later; stamps (minimum spend, per-day limit, card size) with their
 *   reward coupons; birthday coupons in the birth month; some coupons redeemed;
 * - one points redemption for part of the members, taken from live lots oldest first (FIFO), and
 *   expiry entries for lots that ran out; `balance_after` is the running balance.
 * Approximations, stated: the tier window is `n months` back to the instant rather than to 00:00
 * JST; no purchases are voided; only the `lot-end-of-month` expiry policy is generated; the link
 * incentive is granted only to links made during a campaign and the profile-completion bonus is
 * not granted (the services grant both on every link and first completion).
 * demo-data-rules.test.ts replays a generated history through the pure rules to hold the SQL to them.
 */

export type DemoDataOptions = {
  members: number;
  seed: number;
  /** History ends at 00:00 JST on this day (exclusive); defaults to today. */
  until: Date;
  months: number;
  batchSize: number;
  onBatch?: (done: number, total: number) => void;
  /**
   * Write with the per-row triggers on (foreign keys, the dashboard rollups' triggers), as the
   * services do: slower, for tests of those triggers. Otherwise a superuser skips them and the
   * dashboard rollups are rebuilt from the result at the end.
   */
  fireTriggers?: boolean;
};

/** Stores and how often their shoppers come (first ones busier). */
const STORES = ['shibuya', 'shinjuku', 'umeda', 'ginza', 'yokohama', 'nagoya', 'fukuoka', 'sapporo'];
/** Link-incentive campaigns: start day (from the start of the history) and length in days. */
const CAMPAIGN_DAYS = 14;
/** Marker at the start of every demo LINE user id (still 'U' + 32 hex digits, like LINE's). */
export const DEMO_LINE_PREFIX = 'Ude30';

const DAY_MS = 86_400_000;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function generateDemoData(db: Database, program: ProgramConfig, options: DemoDataOptions) {
  if (program.pointExpiry.policy !== 'lot-end-of-month') {
    throw new Error('The demo-data generator writes lots for the lot-end-of-month expiry policy only.');
  }
  const existing = (await db.execute(sql.raw(`SELECT count(*)::int AS n FROM members WHERE line_user_id LIKE '${DEMO_LINE_PREFIX}%'`))) as unknown as {
    rows: { n: number }[];
  };
  if (existing.rows[0]!.n > 0) {
    throw new Error(`This database already holds demo data (${existing.rows[0]!.n} demo members). Use a fresh database.`);
  }

  const untilDay = jstDate(options.until);
  const start = startOfJstDay(addMonthsJst(untilDay, -options.months));
  const until = startOfJstDay(untilDay);
  const spanDays = Math.round((until.getTime() - start.getTime()) / DAY_MS);
  const campaigns = [0.15, 0.4, 0.62, 0.85].map((f) => Math.floor(spanDays * f));
  const ctx: Ctx = { program, seed: options.seed, start, until, spanDays, campaigns };

  for (let lo = 1; lo <= options.members; lo += options.batchSize) {
    const hi = Math.min(options.members + 1, lo + options.batchSize);
    await db.transaction(async (tx) => {
      for (const statement of batchStatements(ctx, lo, hi, options.fireTriggers ?? false)) await tx.execute(sql.raw(statement));
    });
    options.onBatch?.(hi - 1, options.members);
  }
  // What autovacuum does after a bulk load, done at once: planner statistics, and the visibility map
  // that lets the card's reads stay in the indexes (index-only scans) instead of visiting every row's page.
  for (const table of ['members', 'line_friend_events', 'line_friends', 'member_links', 'crm_member_benefits', 'member_profiles', 'purchases', 'stamps', 'coupons', 'point_lots', 'point_entries']) {
    await db.execute(sql.raw(`VACUUM (ANALYZE) ${table}`));
  }
  if (!options.fireTriggers) {
    // Written with the triggers off: what they keep is computed once from the rows.
    await rebuildRollups(db, program, new Date());
    await rebuildMemberFacts(db, program, new Date());
    await rebuildSegmentFlags(db);
  }
  return { start, until, campaigns: campaigns.map((day) => new Date(start.getTime() + day * DAY_MS)) };
}

type Ctx = { program: ProgramConfig; seed: number; start: Date; until: Date; spanDays: number; campaigns: number[] };

/** One batch of member indexes [lo, hi) and the SQL fragments its statements share. */
type Batch = {
  ctx: Ctx;
  lo: number;
  hi: number;
  /** Uniform in [0, 1): a hash of the seed, a purpose and a row index. */
  rnd: (salt: number, index: string) => string;
  start: string;
  until: string;
  /** The instant `days` days after the start of the history. */
  day: (days: string) => string;
  jstDay: (ts: string) => string;
  campaignArray: string;
};

function batchOf(ctx: Ctx, lo: number, hi: number): Batch {
  const { seed } = ctx;
  const start = `'${ctx.start.toISOString()}'::timestamptz`;
  return {
    ctx,
    lo,
    hi,
    rnd: (salt, index) => `((hashint8extended((${index})::bigint, ${seed}::bigint * 1000 + ${salt}) & 2147483647)::float8 / 2147483648.0)`,
    start,
    until: `'${ctx.until.toISOString()}'::timestamptz`,
    day: (days) => `(${start} + (${days}) * interval '1 day')`,
    jstDay: (ts) => `((${ts}) AT TIME ZONE 'Asia/Tokyo')::date`,
    campaignArray: `ARRAY[${ctx.campaigns.join(',')}]::int[]`,
  };
}

/** Every statement of one batch of member indexes [lo, hi), in order; temp tables live until the commit. */
export function batchStatements(ctx: Ctx, lo: number, hi: number, fireTriggers = false): string[] {
  const batch = batchOf(ctx, lo, hi);
  return [
    ...sessionSettings(fireTriggers),
    ...memberChoices(batch),
    memberRows(batch),
    ...lineFriendEvents(batch),
    ...crmLinks(batch),
    profileRows(batch),
    ...purchaseRows(batch),
    ...stampsAndRewards(batch),
    birthdayCoupons(batch),
    ...pointLots(batch),
    ...redemptions(batch),
    ...ledgerRows(batch),
  ];
}

function sessionSettings(fireTriggers: boolean): string[] {
  if (fireTriggers) return [`SET LOCAL TimeZone = 'UTC'`];
  return [
    // Day arithmetic below adds 24-hour days: do it in UTC (JST has no daylight saving either).
    `SET LOCAL TimeZone = 'UTC'`,
    // Rows are consistent by construction: where allowed (a superuser), skip the per-row foreign-key triggers, the bulk of the cost.
    `DO $$ BEGIN IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN SET LOCAL session_replication_role = replica; END IF; END $$`,
  ];
}

/** Temp table demo_m: the batch's members and every choice made per member (sign-up, profile, link, follows, redemption). */
function memberChoices({ ctx, lo, hi, rnd, until, day, campaignArray }: Batch): string[] {
  const { program, seed, spanDays } = ctx;
  const prefix = program.memberCode.prefix;
  const bodyDigits = 12 - prefix.length - 1;
  return [
    `CREATE TEMP TABLE demo_m ON COMMIT DROP AS
     SELECT i, id, line_user_id, member_number, created_at, created_day, profile_at, birthday, k_purchases, link_at,
       link_at IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(${campaignArray}) c WHERE link_day >= c AND link_day < c + ${CAMPAIGN_DAYS}) AS incentive,
       follow_at, block_at, refollow_at, redeem_pick, redeem_share
     FROM (
       SELECT i, id, line_user_id, number_body, created_at, created_day, profile_at, birthday, k_purchases, follow_at,
         redeem_pick, redeem_share, link_day,
         CASE WHEN link_day IS NULL THEN NULL ELSE greatest(created_at + interval '10 minutes', ${day('link_day')} + (480 + floor(${rnd(11, 'i')} * 900)) * interval '1 minute') END AS link_at,
         block_at, CASE WHEN block_at IS NOT NULL AND ${rnd(15, 'i')} < 0.3 THEN block_at + (${until} - block_at) * ${rnd(16, 'i')} END AS refollow_at
       FROM (
         SELECT i, id, line_user_id, number_body, created_at, created_day, profile_at, birthday, k_purchases, follow_at, redeem_pick, redeem_share,
           CASE WHEN ${rnd(8, 'i')} >= 0.35 THEN NULL
                WHEN ${rnd(9, 'i')} < 0.5 AND next_campaign IS NOT NULL THEN greatest(created_day, next_campaign) + floor(${rnd(10, 'i')} * ${CAMPAIGN_DAYS})::int
                ELSE created_day + floor(power(${rnd(10, 'i')}, 3) * (${spanDays} - created_day))::int END AS link_day,
           CASE WHEN ${rnd(12, 'i')} < (CASE WHEN created_day < ${Math.floor(spanDays / 2)} THEN 0.25 ELSE 0.15 END)
                THEN follow_at + (${until} - follow_at) * power(${rnd(13, 'i')}, 2) END AS block_at
         FROM (
           SELECT i,
             md5('demo-member:${seed}:' || i)::uuid AS id,
             '${DEMO_LINE_PREFIX}' || substr(md5('demo-line:${seed}:' || i), 1, 28) AS line_user_id,
             '${prefix}8' || lpad(i::text, ${bodyDigits}, '0') AS number_body,
             created_day, created_at,
             CASE WHEN ${rnd(3, 'i')} < 0.55 THEN created_at + (${until} - created_at) * power(${rnd(4, 'i')}, 2) END AS profile_at,
             CASE WHEN ${rnd(3, 'i')} < 0.55 THEN date '1960-01-01' + floor(${rnd(5, 'i')} * 16000)::int END AS birthday,
             -- Purchases in proportion to how long the member has been one (about 10 on average over the whole history).
             least(120, floor(-ln(1 - ${rnd(7, 'i')}) * 30 * (${spanDays} - created_day) / ${spanDays}.0))::int AS k_purchases,
             created_at - ${rnd(14, 'i')} * interval '2 days' AS follow_at,
             (SELECT min(c) FROM unnest(${campaignArray}) c WHERE c + ${CAMPAIGN_DAYS} > created_day) AS next_campaign,
             ${rnd(17, 'i')} AS redeem_pick, ${rnd(18, 'i')} AS redeem_share
           FROM (
             SELECT i, created_day, ${day('created_day')} + (480 + floor(${rnd(2, 'i')} * 900)) * interval '1 minute' AS created_at
             FROM (SELECT i, least(${spanDays - 1}, floor(${spanDays} * sqrt(${rnd(1, 'i')})))::int AS created_day FROM generate_series(${lo}::bigint, ${hi - 1}) AS i) d
           ) c
         ) b
       ) a
     ) z
     CROSS JOIN LATERAL (SELECT number_body || (
         SELECT ((10 - sum(substr(number_body, p, 1)::int * CASE WHEN (12 - p) % 2 = 0 THEN 3 ELSE 1 END) % 10) % 10)::text FROM generate_series(1, 12) p
       ) AS member_number) n`,
    // Temp tables have no statistics until analysed: without them the planner nests loops over whole batches.
    `ANALYZE demo_m`,
  ];
}

function memberRows({ until }: Batch): string {
  return (
    `INSERT INTO members (id, line_user_id, member_number, display_name, birthday, created_at)
     SELECT id, line_user_id, member_number, CASE WHEN profile_at IS NOT NULL AND profile_at < ${until} THEN 'デモ会員 ' || i END,
       CASE WHEN profile_at IS NOT NULL AND profile_at < ${until} THEN birthday END, created_at
     FROM demo_m`
  );
}

/** LINE friend events: members' follows (and blocks, re-follows), and friends who never registered. */
function lineFriendEvents({ ctx, lo, hi, rnd, until, day }: Batch): string[] {
  const { seed, spanDays } = ctx;
  const friendLo = Math.floor((lo - 1) * 0.3) + 1;
  const friendHi = Math.floor((hi - 1) * 0.3) + 1;
  // Each user's status now (line_friends) is their last event, as the webhook keeps it.
  const withStatus = (insertEvents: string) =>
    `WITH e AS (${insertEvents} RETURNING line_user_id, kind, occurred_at)
     INSERT INTO line_friends (line_user_id, is_friend, changed_at)
     SELECT DISTINCT ON (line_user_id) line_user_id, kind = 'follow', occurred_at FROM e ORDER BY line_user_id, occurred_at DESC`;
  return [
    withStatus(`INSERT INTO line_friend_events (webhook_event_id, line_user_id, kind, occurred_at, received_at)
     SELECT 'demo:${seed}:m' || i || ':' || seq, line_user_id, kind, at, at FROM (
       SELECT i, line_user_id, 1 AS seq, 'follow' AS kind, follow_at AS at FROM demo_m
       UNION ALL SELECT i, line_user_id, 2, 'unfollow', block_at FROM demo_m WHERE block_at IS NOT NULL AND block_at < ${until}
       UNION ALL SELECT i, line_user_id, 3, 'follow', refollow_at FROM demo_m WHERE refollow_at IS NOT NULL AND refollow_at < ${until}
     ) e`),
    withStatus(`INSERT INTO line_friend_events (webhook_event_id, line_user_id, kind, occurred_at, received_at)
     SELECT 'demo:${seed}:f' || j || ':' || seq, '${DEMO_LINE_PREFIX}' || substr(md5('demo-friend:${seed}:' || j), 1, 28), kind, at, at FROM (
       SELECT j, 1 AS seq, 'follow' AS kind, follow_at AS at FROM (
         SELECT j, ${day(`${rnd(30, 'j')} * ${spanDays}`)} AS follow_at FROM generate_series(${friendLo}::bigint, ${friendHi - 1}) j) f
       UNION ALL
       SELECT j, 2, 'unfollow', follow_at + (${until} - follow_at) * ${rnd(32, 'j')} FROM (
         SELECT j, ${day(`${rnd(30, 'j')} * ${spanDays}`)} AS follow_at FROM generate_series(${friendLo}::bigint, ${friendHi - 1}) j) f
       WHERE ${rnd(31, 'j')} < 0.35
     ) e`),
  ];
}

/** CRM links (one per linking member), and the link incentive when the link fell in a campaign. */
function crmLinks({ ctx, until }: Batch): string[] {
  const { program, seed } = ctx;
  return [
    `INSERT INTO member_links (member_id, crm_member_id, crm_member_number, linked_at)
     SELECT id, 'demo-crm-${seed}-' || i, 'C' || lpad(i::text, 10, '0'), link_at FROM demo_m WHERE link_at IS NOT NULL AND link_at < ${until}`,
    program.incentives.linkPoints > 0
      ? `INSERT INTO crm_member_benefits (crm_member_id, kind, member_id, points, granted_at)
         SELECT 'demo-crm-${seed}-' || i, 'link_incentive', id, ${program.incentives.linkPoints}, link_at FROM demo_m
         WHERE incentive AND link_at < ${until}`
      : 'SELECT 1',
  ];
}

function profileRows({ rnd, until }: Batch): string {
  return (
    `INSERT INTO member_profiles (member_id, family_name, given_name, family_kana, given_kana, phone, email, postal_code, prefecture, city, street, building, marketing_consent, terms_accepted_at, completed_at, updated_at)
     SELECT id, 'デモ', '会員' || i, 'デモ', 'カイイン', '090' || lpad((i % 100000000)::text, 8, '0'), 'demo' || i || '@example.com', '1500001', '東京都', '渋谷区', '神宮前1-' || (i % 20 + 1), '',
       ${rnd(6, 'i')} < 0.6, profile_at, profile_at, profile_at
     FROM demo_m WHERE profile_at IS NOT NULL AND profile_at < ${until}`
  );
}

/**
 * The SQL twin of tiers.ts `tierFor` and earning.ts `pointsForPurchase`: the rate (hundredths of a
 * point per ¥100) of the highest tier whose threshold `spend_before` reaches.
 */
function tierRateCase(program: ProgramConfig): string {
  return program.tiers
    .slice()
    .reverse()
    .map((tier) => `WHEN spend_before >= ${tier.minSpendYen} THEN ${Math.round(tier.pointsPer100Yen * 100)}`)
    .join(' ');
}

/**
 * Temp table demo_p and the purchases: store hours (10:00–21:00 JST) after sign-up, amounts
 * log-normal around a few thousand yen; points at the tier of the trailing window's spend before
 * the purchase (the window reaches back to the instant, the approximation stated above), and
 * whether the stamp rules (minimum, per JST day) stamp it.
 */
function purchaseRows({ ctx, rnd, until, day, jstDay }: Batch): string[] {
  const { program, seed, spanDays } = ctx;
  const { stamps } = program;
  const tierRate = tierRateCase(program);
  return [
    `CREATE TEMP TABLE demo_p ON COMMIT DROP AS
     SELECT nextval(pg_get_serial_sequence('purchases', 'id')) AS id, *,
       amount >= ${stamps.minPurchaseYen} AND row_number() OVER (PARTITION BY member_id, jst_day, amount >= ${stamps.minPurchaseYen} ORDER BY purchased_at, k) <= ${stamps.maxPerDay} AS stamp_awarded
     FROM (
       SELECT *, ${jstDay('purchased_at')} AS jst_day,
         floor(amount::bigint * (CASE ${tierRate} ELSE 0 END) / 10000)::int AS points
       FROM (
         SELECT *, coalesce(sum(amount) OVER (PARTITION BY member_id ORDER BY purchased_at RANGE BETWEEN interval '${program.tierWindow.months} months' PRECEDING AND CURRENT ROW), 0) - amount AS spend_before
         FROM (
           SELECT m.id AS member_id, m.i, k,
             (ARRAY[${STORES.map(quote).join(',')}])[1 + floor(power(${rnd(21, 'm.i * 1000 + k')}, 1.6) * ${STORES.length})::int] AS store_id,
             'demo-${seed}-' || m.i || '-' || k AS receipt_id,
             greatest(300, least(300000, round(3000 * exp(0.6 * sqrt(-2 * ln(1 - ${rnd(22, 'm.i')})) * cos(2 * pi() * ${rnd(23, 'm.i')})
               + 0.8 * sqrt(-2 * ln(1 - ${rnd(24, 'm.i * 1000 + k')})) * cos(2 * pi() * ${rnd(25, 'm.i * 1000 + k')})) / 10) * 10))::int AS amount,
             -- k seconds on top: a member's purchases never share an instant, so every ordering below is tie-free.
             greatest(m.created_at + interval '5 minutes',
               ${day(`m.created_day + floor(${rnd(26, 'm.i * 1000 + k')} * (${spanDays} - m.created_day))`)} + (600 + floor(${rnd(27, 'm.i * 1000 + k')} * 660)) * interval '1 minute')
               + k * interval '1 second' AS purchased_at
           FROM demo_m m CROSS JOIN LATERAL generate_series(1, m.k_purchases) k
         ) raw WHERE purchased_at < ${until}
       ) spend
     ) priced`,
    `CREATE INDEX ON demo_p (member_id, k)`,
    `ANALYZE demo_p`,
    `INSERT INTO purchases (id, member_id, store_id, receipt_id, amount_yen, purchased_at, points_earned, stamp_awarded)
     SELECT id, member_id, store_id, receipt_id, amount, purchased_at, points, stamp_awarded FROM demo_p`,
  ];
}

/** Temp table demo_s, the stamps on their cards (stamps.ts), and each full card's reward coupon; some are redeemed. */
function stampsAndRewards({ ctx, rnd, until }: Batch): string[] {
  const { program, seed } = ctx;
  const { stamps } = program;
  const rewardDiscount = quote(JSON.stringify(stamps.reward.discount));
  return [
    `CREATE TEMP TABLE demo_s ON COMMIT DROP AS
     SELECT p.id AS purchase_id, p.member_id, p.i, p.store_id, p.purchased_at, p.jst_day,
       row_number() OVER (PARTITION BY p.member_id ORDER BY p.purchased_at, p.k) AS n
     FROM demo_p p WHERE p.stamp_awarded`,
    `INSERT INTO stamps (member_id, purchase_id, card_number, stamped_at, jst_day)
     SELECT member_id, purchase_id, (n - 1) / ${stamps.cardSize} + 1, purchased_at, jst_day FROM demo_s`,
    // A full card issues its reward, valid to 23:59:59.999 JST `validDays` days later; some are redeemed.
    `INSERT INTO coupons (member_id, kind, issue_key, title, title_en, discount, code, valid_from, valid_until, issued_at, used_at, used_store_id)
     SELECT member_id, 'stamp_reward', 'stamp-card:' || card, ${quote(stamps.reward.title.ja)}, ${quote(stamps.reward.title.en)}, ${rewardDiscount}::jsonb,
       'DS' || upper(substr(md5('demo-stamp:${seed}:' || i || ':' || card), 1, 18)), purchased_at, valid_until, purchased_at,
       CASE WHEN used_at < ${until} THEN used_at END, CASE WHEN used_at < ${until} THEN store_id END
     FROM (
       SELECT *, n / ${stamps.cardSize} AS card,
         ((jst_day + ${stamps.reward.validDays + 1})::timestamp AT TIME ZONE 'Asia/Tokyo') - interval '1 millisecond' AS valid_until,
         CASE WHEN ${rnd(40, 'i * 1000 + n')} < 0.45
           THEN purchased_at + (((jst_day + ${stamps.reward.validDays + 1})::timestamp AT TIME ZONE 'Asia/Tokyo') - purchased_at) * ${rnd(41, 'i * 1000 + n')} END AS used_at
       FROM demo_s WHERE n % ${stamps.cardSize} = 0
     ) full_cards`,
  ];
}

/** Birthday coupons (coupons.ts) for each birth month since the profile was completed; some are redeemed. */
function birthdayCoupons({ ctx, rnd, start, until }: Batch): string {
  const { program, seed } = ctx;
  const birthday = program.coupons.birthday;
  if (!birthday.enabled) return 'SELECT 1';
  return `INSERT INTO coupons (member_id, kind, issue_key, title, title_en, discount, code, valid_from, valid_until, issued_at, used_at, used_store_id)
         SELECT id, 'birthday', 'birthday:' || y, ${quote(birthday.title.ja)}, ${quote(birthday.title.en)}, ${quote(JSON.stringify(birthday.discount))}::jsonb,
           'DB' || upper(substr(md5('demo-birthday:${seed}:' || i || ':' || y), 1, 18)), month_start, month_end, issued_at,
           CASE WHEN used_at < ${until} THEN used_at END,
           CASE WHEN used_at < ${until} THEN (ARRAY[${STORES.map(quote).join(',')}])[1 + floor(${rnd(52, 'i * 10000 + y')} * ${STORES.length})::int] END
         FROM (
           SELECT id, i, y, month_start, month_end, greatest(month_start + interval '5 minutes', profile_at) AS issued_at,
             CASE WHEN ${rnd(50, 'i * 10000 + y')} < 0.35 THEN greatest(month_start, profile_at) + (month_end - greatest(month_start, profile_at)) * ${rnd(51, 'i * 10000 + y')} END AS used_at
           FROM (
             SELECT m.id, m.i, m.profile_at, y,
               make_date(y, extract(month FROM m.birthday)::int, 1)::timestamp AT TIME ZONE 'Asia/Tokyo' AS month_start,
               (make_date(y, extract(month FROM m.birthday)::int, 1) + interval '1 month') AT TIME ZONE 'Asia/Tokyo' - interval '1 millisecond' AS month_end
             FROM demo_m m CROSS JOIN LATERAL generate_series(extract(year FROM ${start} AT TIME ZONE 'Asia/Tokyo')::int, extract(year FROM ${until} AT TIME ZONE 'Asia/Tokyo')::int) y
             WHERE m.birthday IS NOT NULL AND m.profile_at < ${until}
           ) months
           WHERE month_end >= profile_at AND greatest(month_start + interval '5 minutes', profile_at) < ${until}
         ) due`;
}

/** End of the JST month `months` after the one `ts` falls in (inclusive last instant): earning.ts `lotExpiresAt`, lot-end-of-month. */
function endOfJstMonthAfter(ts: string, months: number): string {
  return `((date_trunc('month', (${ts}) AT TIME ZONE 'Asia/Tokyo') + interval '${months + 1} months') AT TIME ZONE 'Asia/Tokyo' - interval '1 millisecond')`;
}

/** Temp table demo_l: one lot per purchase that earned points, one per link incentive. */
function pointLots({ ctx, until }: Batch): string[] {
  const { program, seed } = ctx;
  const expiryMonths = program.pointExpiry.months;
  return [
    `CREATE TEMP TABLE demo_l ON COMMIT DROP AS
     SELECT member_id, i, 'lot:' || key AS lot_id, key, kind, earned_at, ${endOfJstMonthAfter('earned_at', expiryMonths)} AS expires_at,
       points, purchase_id, store_id, 0 AS consumed
     FROM (
       SELECT member_id, i, 'purchase:' || id AS key, 'earn' AS kind, purchased_at AS earned_at, points, id::text AS purchase_id, store_id FROM demo_p WHERE points > 0
       UNION ALL
       SELECT id, i, 'link-incentive:demo-crm-${seed}-' || i, 'adjust', link_at, ${program.incentives.linkPoints}, NULL, NULL
       FROM demo_m WHERE incentive AND link_at < ${until} AND ${program.incentives.linkPoints} > 0
     ) credits`,
    `CREATE INDEX ON demo_l (member_id)`,
    `ANALYZE demo_l`,
  ];
}

/** Temp table demo_r and its FIFO allocation over demo_l. */
function redemptions({ until }: Batch): string[] {
  return [
    // One redemption for ~30 % of members: an hour after one of their purchases, a share of the live balance.
    `CREATE TEMP TABLE demo_r ON COMMIT DROP AS
     SELECT member_id, i, at, store_id, floor(live * share / 100)::int * 100 AS points FROM (
       SELECT p.member_id, p.i, p.purchased_at + interval '1 hour' AS at, p.store_id, m.redeem_share AS share,
         (SELECT coalesce(sum(l.points), 0) FROM demo_l l WHERE l.member_id = p.member_id AND l.earned_at <= p.purchased_at + interval '1 hour' AND l.expires_at >= p.purchased_at + interval '1 hour') AS live
       FROM demo_m m JOIN demo_p p ON p.member_id = m.id AND p.k = 1 + floor(m.redeem_pick * 3.3 * m.k_purchases)::int
       WHERE m.redeem_pick < 0.3 AND p.purchased_at + interval '1 hour' < ${until}
     ) candidates WHERE floor(live * share / 100) >= 1`,
    `CREATE INDEX ON demo_r (member_id)`,
    `ANALYZE demo_r`,
    // FIFO: the redemption takes from the lots live at its moment, soonest expiry first.
    `UPDATE demo_l SET consumed = taken.consumed FROM (
       SELECT l.lot_id, l.member_id, least(l.points, greatest(0, r.points - (sum(l.points) OVER (PARTITION BY l.member_id ORDER BY l.expires_at, l.earned_at, l.lot_id) - l.points))) AS consumed
       FROM demo_l l JOIN demo_r r ON r.member_id = l.member_id WHERE l.earned_at <= r.at AND l.expires_at >= r.at
     ) taken WHERE demo_l.member_id = taken.member_id AND demo_l.lot_id = taken.lot_id`,
  ];
}

/** The lots and the ledger entries (earn, adjust, redeem, expire) with their running balance. */
function ledgerRows({ ctx, until }: Batch): string[] {
  const { seed } = ctx;
  return [
    // A lot past its expiry with points left is expired by the daily job, five minutes after midnight JST.
    `INSERT INTO point_lots (member_id, id, source_key, earned_at, expires_at, points, remaining)
     SELECT member_id, lot_id, key, earned_at, expires_at, points,
       CASE WHEN expires_at + interval '5 minutes' < ${until} THEN 0 ELSE points - consumed END FROM demo_l`,
    `INSERT INTO point_entries (member_id, key, kind, at, points, balance_after, purchase_id, store_id, lot_id, allocations, reallocations, unrecoverable_points, forfeited_points, reason)
     SELECT member_id, key, kind, at, points, sum(points) OVER (PARTITION BY member_id ORDER BY at, ord, tiebreak ROWS UNBOUNDED PRECEDING)::int,
       purchase_id, store_id, lot_id, allocations, '[]'::jsonb, 0, 0, reason
     FROM (
       SELECT member_id, key, kind, earned_at AS at, 0 AS ord, earned_at AS tiebreak, points, purchase_id, store_id, lot_id, '[]'::jsonb AS allocations,
         CASE WHEN kind = 'adjust' THEN 'link incentive' END AS reason
       FROM demo_l
       UNION ALL
       SELECT r.member_id, 'redeem:demo-${seed}-' || r.i, 'redeem', r.at, 1, r.at, 0 - r.points, NULL, r.store_id, NULL,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('lotId', l.lot_id, 'points', l.consumed) ORDER BY l.expires_at, l.earned_at, l.lot_id)
          , '[]'::jsonb) FROM demo_l l WHERE l.member_id = r.member_id AND l.consumed > 0), NULL
       FROM demo_r r
       UNION ALL
       -- Lots of one month expire together: ordered by when they were earned (unique per member), not by id.
       SELECT member_id, 'expire:' || lot_id, 'expire', expires_at + interval '5 minutes', 2, earned_at, 0 - (points - consumed), NULL, NULL, lot_id, '[]'::jsonb, NULL
       FROM demo_l WHERE expires_at + interval '5 minutes' < ${until} AND points - consumed > 0
     ) entries`,
  ];
}
