import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentFilter } from '../../contract/segments';
import type { Database, DatabaseHandle } from '../db/database';
import { generateDemoData } from '../demo-data/demo-data';
import { rebuildMemberFacts, refreshMemberFacts } from '../loyalty/member-facts';
import { defaultProgramConfig } from '../loyalty/program-config';
import { tierWindowStart } from '../loyalty/tiers';
import { anonymiseMember } from '../members/members.repository';
import { testDatabaseTargets } from '../testing/test-databases';
import { compileSegmentFilter, tierSpendRanges, type SegmentContext } from './segment-rules';
import { sampleMembers } from './segments.repository';

/**
 * Segment filters read off member_facts must pick exactly the members the former correlated
 * subqueries over purchases picked (kept here as the reference), on generated data, at many `now`s,
 * whatever state the facts are in: kept by the trigger only, refreshed for another day, rebuilt.
 */
const program = defaultProgramConfig;
const until = new Date('2026-11-23T15:00:00Z');

const instants = [
  '2026-11-23T15:00:00Z', // 00:00 JST: the window has just moved
  '2026-11-23T14:59:59.999Z',
  '2026-11-20T03:00:00Z',
  '2026-06-30T15:00:00Z',
  '2025-12-31T15:00:00Z',
  '2025-02-01T00:00:00Z', // before most purchases: later ones must not count
  '2027-05-01T03:00:00Z', // after all of them: old ones left the window
].map((at) => new Date(at));

const filters: SegmentFilter[] = [
  { tiers: ['REINE'] },
  { tiers: ['REGULAR'] },
  { tiers: ['REGULAR', 'REINE'] },
  { tiers: [] },
  { tiers: ['REINE'], linked: true },
  { tiers: ['REGULAR'], lastPurchaseOlderThanDays: 30 },
  { lastPurchaseOlderThanDays: 0 },
  { lastPurchaseOlderThanDays: 1 },
  { lastPurchaseOlderThanDays: 90 },
  { lastPurchaseOlderThanDays: 365 },
  { lastPurchaseOlderThanDays: 1000, marketingConsent: true },
  { purchasedAtStore: 'shibuya' },
  { purchasedAtStore: 'umeda', tiers: ['REINE'] },
  { purchasedAtStore: 'umeda', lastPurchaseOlderThanDays: 90 },
];

const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/** The filter as segment-rules.ts compiled it before member_facts: correlated subqueries over purchases per member. */
function referenceWhere(filter: SegmentFilter, context: SegmentContext): SQL {
  const { tiers, lastPurchaseOlderThanDays, purchasedAtStore, ...rest } = filter;
  const conditions = [compileSegmentFilter(rest, context)];
  if (purchasedAtStore !== undefined) {
    conditions.push(sql`m.id IN (SELECT pu.member_id FROM purchases pu WHERE pu.store_id = ${purchasedAtStore} AND pu.voided_at IS NULL)`);
  }
  if (tiers !== undefined) {
    const spend = sql`(SELECT coalesce(sum(pu.amount_yen), 0) FROM purchases pu
      WHERE pu.member_id = m.id AND pu.voided_at IS NULL
        AND pu.purchased_at >= ${timestamp(tierWindowStart(context.now, context.program))} AND pu.purchased_at <= ${timestamp(context.now)})`;
    const ranges = tierSpendRanges(tiers, context.program.tiers).map(({ min, below }) =>
      below === null ? sql`s.spend >= ${min}` : sql`(s.spend >= ${min} AND s.spend < ${below})`,
    );
    conditions.push(ranges.length === 0 ? sql`FALSE` : sql`(SELECT ${sql.join(ranges, sql` OR `)} FROM (SELECT ${spend} AS spend) s)`);
  }
  if (lastPurchaseOlderThanDays !== undefined) {
    const since = new Date(context.now.getTime() - lastPurchaseOlderThanDays * 86_400_000);
    conditions.push(sql`(SELECT max(pu.purchased_at) FROM purchases pu WHERE pu.member_id = m.id AND pu.voided_at IS NULL) <= ${timestamp(since)}`);
  }
  return sql.join(conditions, sql` AND `);
}

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const memberNumbers = async (db: Database, where: SQL) => (await sampleMembers(db, where, 1_000_000)).map((m) => m.member_number);

/** Every filter at every instant: the same members both ways. */
async function expectFactsEqualReference(db: Database) {
  for (const now of instants) {
    const context = { now, program };
    for (const filter of filters) {
      const label = `${JSON.stringify(filter)} at ${now.toISOString()}`;
      expect(await memberNumbers(db, compileSegmentFilter(filter, context)), label).toEqual(await memberNumbers(db, referenceWhere(filter, context)));
    }
  }
}

/** Each row is what it says it is (the sums behind it), and every member with a counted purchase has a row. */
async function expectFactsTrue(db: Database) {
  const [wrong] = await rows<{ rows: number; missing: number }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM member_facts f CROSS JOIN LATERAL (
        SELECT coalesce(sum(amount_yen) FILTER (WHERE purchased_at >= f.spend_from), 0) AS spend,
          min(purchased_at) FILTER (WHERE purchased_at >= f.spend_from) AS oldest, max(purchased_at) AS latest,
          coalesce(array_agg(DISTINCT store_id ORDER BY store_id), '{}') AS stores
        FROM purchases WHERE member_id = f.member_id AND voided_at IS NULL) c
       WHERE f.spend_yen <> c.spend OR f.oldest_counted_at IS DISTINCT FROM c.oldest OR f.last_purchase_at IS DISTINCT FROM c.latest
         OR ARRAY(SELECT DISTINCT s FROM unnest(f.stores) s ORDER BY s) <> c.stores OR cardinality(f.stores) <> cardinality(c.stores)) AS rows,
      (SELECT count(DISTINCT member_id)::int FROM purchases p WHERE voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM member_facts f WHERE f.member_id = p.member_id)) AS missing`,
  );
  expect(wrong).toEqual({ rows: 0, missing: 0 });
}

/** Rows whose counted spend is not the window's at `now` (segment-rules recounts those from purchases). */
async function staleAt(db: Database, now: Date): Promise<number> {
  const start = timestamp(tierWindowStart(now, program));
  const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member_facts WHERE spend_from > ${start} OR oldest_counted_at < ${start}`);
  return row!.n;
}

let receipts = 0;
/** A purchase written as the register's repository does (the trigger keeps the facts). */
async function purchase(db: Database, memberId: string, amountYen: number, at: Date, voidedAt: Date | null = null, storeId = 'shibuya'): Promise<string> {
  const receiptId = `facts-${++receipts}`;
  await db.execute(sql`INSERT INTO purchases (member_id, store_id, receipt_id, amount_yen, purchased_at, points_earned, stamp_awarded, voided_at)
    VALUES (${memberId}::uuid, ${storeId}, ${receiptId}, ${amountYen}, ${timestamp(at)}, 0, false, ${voidedAt ? timestamp(voidedAt) : null})`);
  return receiptId;
}

describe.each(testDatabaseTargets())('segment filters on member_facts equal the purchases reference on $name', ({ open }) => {
  let database: DatabaseHandle;
  let memberIds: string[];

  beforeAll(async () => {
    database = await open();
    // Triggers on: the facts are kept row by row, from -infinity, never refreshed.
    await generateDemoData(database.db, program, { members: 240, seed: 5, until, months: 24, batchSize: 120, fireTriggers: true });
    memberIds = (await rows<{ id: string }>(database.db, sql`SELECT id FROM members ORDER BY member_number`)).map((r) => r.id);
    const [counted] = await rows<{ purchases: number; without: number; facts: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM purchases) AS purchases, (SELECT count(*)::int FROM members m WHERE NOT EXISTS (SELECT 1 FROM purchases p WHERE p.member_id = m.id)) AS without,
        (SELECT count(*)::int FROM member_facts) AS facts`,
    );
    expect(counted!.purchases).toBeGreaterThan(1000);
    expect(counted!.without, 'members who never bought').toBeGreaterThan(0);
    expect(counted!.facts).toBeGreaterThan(0);
    // At the window's edges of every instant, for members with and without other purchases:
    // exactly at the start (counts), 1 ms before it (does not), at now (counts), 1 ms after (not yet).
    const edgeMembers = memberIds.slice(0, 40);
    for (const [i, now] of instants.entries()) {
      const start = tierWindowStart(now, program);
      const [a, b, c, d] = edgeMembers.slice(i * 4, i * 4 + 4);
      await purchase(database.db, a!, 50_000, start);
      await purchase(database.db, b!, 50_000, new Date(start.getTime() - 1));
      await purchase(database.db, c!, 49_999, now);
      await purchase(database.db, c!, 1, new Date(now.getTime() + 1));
      await purchase(database.db, d!, 60_000, now, new Date(now.getTime() + 60_000));
    }
  }, 240_000);
  afterAll(async () => {
    await database.close();
  });

  it('kept by the trigger alone (counted from -infinity): every member recounted where the facts do not hold', async () => {
    await expectFactsTrue(database.db);
    expect(await staleAt(database.db, until)).toBeGreaterThan(0);
    await expectFactsEqualReference(database.db);
  }, 240_000);

  it('refreshed for one instant after another (forwards and back): nothing stale for that instant, and still equal at every other', async () => {
    for (const now of [until, instants[3]!, instants[6]!]) {
      const refreshed = await refreshMemberFacts(database.db, program, now, 37);
      expect(refreshed.length).toBeGreaterThan(0);
      expect(await staleAt(database.db, now)).toBe(0);
      expect(await refreshMemberFacts(database.db, program, now), 'a second run finds nothing').toEqual([]);
      await expectFactsTrue(database.db);
    }
    await refreshMemberFacts(database.db, program, until);
    await expectFactsEqualReference(database.db);
  }, 240_000);

  it('after voids, un-voids, back-dated and future purchases, unlinks, re-links and withdrawals', async () => {
    const { db } = database;
    await db.execute(sql`UPDATE purchases SET voided_at = purchased_at + interval '1 day' WHERE id % 5 = 0 AND voided_at IS NULL`);
    await db.execute(sql`UPDATE purchases SET voided_at = NULL WHERE id % 25 = 0`);
    // A member's every purchase voided: no spend and no latest purchase, row or not.
    await db.execute(sql`UPDATE purchases SET voided_at = purchased_at WHERE member_id = ${memberIds[100]!}::uuid`);
    // Before the counted start (back-dated receipts), and after every instant.
    await purchase(db, memberIds[101]!, 70_000, new Date('2024-01-05T03:00:00Z'));
    await purchase(db, memberIds[102]!, 70_000, new Date('2028-01-05T03:00:00Z'));
    await purchase(db, memberIds[103]!, 30_000, new Date('2026-11-22T03:00:00Z'));
    await purchase(db, memberIds[103]!, 30_000, new Date('2026-11-22T04:00:00Z'), new Date('2026-11-22T05:00:00Z'));
    // Stores: a first purchase at a store, the same store again, a store's only purchase voided, receipts moved to another store.
    await purchase(db, memberIds[104]!, 5_000, new Date('2026-11-01T03:00:00Z'), null, 'umeda');
    await purchase(db, memberIds[104]!, 5_000, new Date('2026-11-02T03:00:00Z'), null, 'umeda');
    const lone = await purchase(db, memberIds[105]!, 5_000, new Date('2026-11-03T03:00:00Z'), null, 'umeda');
    await db.execute(sql`UPDATE purchases SET voided_at = purchased_at + interval '1 hour' WHERE receipt_id = ${lone}`);
    await db.execute(sql`UPDATE purchases SET store_id = 'umeda' WHERE id % 7 = 0 AND store_id <> 'umeda'`);
    const unlinked = await rows<{ id: number }>(
      db,
      sql`UPDATE member_links SET unlinked_at = linked_at + interval '3 days' WHERE id IN (SELECT id FROM member_links WHERE unlinked_at IS NULL ORDER BY id LIMIT 10) RETURNING id`,
    );
    expect(unlinked.length).toBe(10);
    await db.execute(sql`INSERT INTO member_links (member_id, crm_member_id, crm_member_number, linked_at)
      SELECT member_id, crm_member_id || '-again', crm_member_number, unlinked_at + interval '1 day' FROM member_links
      WHERE id IN (${sql.join(
        unlinked.slice(0, 3).map((r) => sql`${r.id}`),
        sql`, `,
      )})`);
    for (const id of memberIds.slice(110, 114)) await anonymiseMember(db, id, `withdrawn:${id}`);
    await expectFactsTrue(db);
    await expectFactsEqualReference(db);
  }, 240_000);

  it('rebuilt: the same figures as refreshed (rows never aged out keep -infinity there), and still equal to the reference', async () => {
    const { db } = database;
    await refreshMemberFacts(db, program, until);
    const factsOf = () =>
      rows<unknown>(
        db,
        sql`SELECT member_id, spend_yen, oldest_counted_at, last_purchase_at, ARRAY(SELECT s FROM unnest(stores) s ORDER BY s) AS stores
          FROM member_facts WHERE last_purchase_at IS NOT NULL ORDER BY member_id`,
      );
    const refreshed = await factsOf();
    expect(await rebuildMemberFacts(db, program, until)).toBe(refreshed.length);
    expect(await factsOf()).toEqual(refreshed);
    expect(await staleAt(db, until)).toBe(0);
    await expectFactsTrue(db);
    await expectFactsEqualReference(db);
  }, 240_000);

  it('registers buying and voiding while the daily refresh and a rebuild run leave every row true', async () => {
    const { db } = database;
    const later = new Date('2027-01-10T03:00:00Z');
    const shoppers = memberIds.slice(150, 170);
    await Promise.all([
      refreshMemberFacts(db, program, later, 5),
      ...shoppers.map(async (memberId, i) => {
        // One transaction per sale, as the register's: the purchase and its void interleave with the refresh's batches.
        const receiptId = await db.transaction((tx) => purchase(tx as unknown as Database, memberId, 1_000 + i, new Date(later.getTime() - i * 86_400_000)));
        if (i % 3 === 0) await db.execute(sql`UPDATE purchases SET voided_at = ${timestamp(later)} WHERE receipt_id = ${receiptId}`);
      }),
      rebuildMemberFacts(db, program, until),
    ]);
    await expectFactsTrue(db);
    await expectFactsEqualReference(db);
  }, 240_000);
});
