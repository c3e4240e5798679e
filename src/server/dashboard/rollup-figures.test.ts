import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardRange } from '../../contract/dashboard';
import type { DatabaseHandle } from '../db/database';
import { generateDemoData } from '../demo-data/demo-data';
import { defaultProgramConfig } from '../loyalty/program-config';
import { testDatabaseTargets } from '../testing/test-databases';
import * as reference from './figures';
import * as rollup from './rollup-figures';
import { builtRollups, ensureRollups, rebuildRollups } from './rollups';
import { insertDashboardSample } from './sample-dataset';

const program = defaultProgramConfig;
const until = new Date('2026-11-23T15:00:00Z');

const ranges: DashboardRange[] = [
  { from: '2026-11-23', to: '2026-11-23' },
  { from: '2026-10-24', to: '2026-11-22' },
  { from: '2025-11-23', to: '2026-11-22' },
  { from: '2024-11-24', to: '2026-11-23' },
  { from: '2025-08-01', to: '2026-02-28' },
  { from: '2026-01-15', to: '2026-01-15' },
  { from: '2020-01-01', to: '2020-01-31' },
  { from: '2019-06-01', to: '2019-06-30' },
];
const instants = ['2026-11-23T15:00:00Z', '2026-06-30T14:30:00Z', '2026-06-30T15:00:00Z', '2026-03-10T03:00:00Z', '2020-01-31T00:00:00Z'].map((at) => new Date(at));

/** Every figure both ways, for every range and instant: the rollups must equal the set-based reference. */
async function expectRollupsEqualReference(database: DatabaseHandle) {
  const { db } = database;
  for (const range of ranges) {
    const label = `${range.from}..${range.to}`;
    expect(await rollup.funnel(db, program, range), `funnel ${label}`).toEqual(await reference.funnel(db, program, range));
    expect(await rollup.linksPerDay(db, range), `links ${label}`).toEqual(await reference.linksPerDay(db, range));
    expect(await rollup.couponFigures(db, range), `coupons ${label}`).toEqual(await reference.couponFigures(db, range));
    expect(await rollup.blocksPerDay(db, range), `blocks ${label}`).toEqual(await reference.blocksPerDay(db, range));
    expect(await rollup.storeFigures(db, program, range, null), `stores ${label}`).toEqual(await reference.storeFigures(db, program, range, null));
    expect(await rollup.storeFigures(db, program, range, 'shibuya'), `shibuya ${label}`).toEqual(await reference.storeFigures(db, program, range, 'shibuya'));
  }
  const reach = await reference.reachableMembers(db);
  expect(reach.reachable, 'some members are reachable').toBeGreaterThan(0);
  expect(await rollup.reachableMembers(db), 'reachable').toEqual(reach);
  for (const now of instants) {
    expect(await rollup.pointsLiability(db, program, now), `liability ${now.toISOString()}`).toEqual(await reference.pointsLiability(db, program, now));
  }
}

describe.each(testDatabaseTargets())('dashboard rollups kept by triggers equal the set-based figures on $name', ({ open }) => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await open();
    // Built while empty: from here on only the triggers keep them.
    expect(await ensureRollups(database.db, program, until)).toBe(true);
    expect(await ensureRollups(database.db, program, until)).toBe(false);
    await generateDemoData(database.db, program, { members: 400, seed: 7, until, months: 24, batchSize: 200, fireTriggers: true });
    await insertDashboardSample(database.db);
    // The generator keeps no current friend status; the webhook would have: the latest event per LINE user.
    await database.db.execute(sql`INSERT INTO line_friends (line_user_id, is_friend, changed_at)
      SELECT DISTINCT ON (line_user_id) line_user_id, kind = 'follow', occurred_at FROM line_friend_events ORDER BY line_user_id, occurred_at DESC, id DESC
      ON CONFLICT (line_user_id) DO NOTHING`);
  }, 240_000);
  afterAll(async () => {
    await database.close();
  });

  it('after a generated history written row by row, and the fixed January 2020 sample', async () => {
    const { db } = database;
    const [counted] = ((await db.execute(sql`SELECT (SELECT count(*)::int FROM purchases) AS purchases, (SELECT count(*)::int FROM dashboard_store_shoppers) AS shopper_rows`)) as unknown as {
      rows: { purchases: number; shopper_rows: number }[];
    }).rows;
    expect(counted!.purchases).toBeGreaterThan(2000);
    expect(counted!.shopper_rows).toBeGreaterThan(0);
    await expectRollupsEqualReference(database);
  }, 120_000);

  it('after voids, unlinks, reversed and used lots, deleted profiles, used coupons and a withdrawal erasing friend events', async () => {
    const { db } = database;
    await db.execute(sql`UPDATE purchases SET voided_at = purchased_at + interval '2 days' WHERE id % 7 = 0`);
    await db.execute(sql`UPDATE purchases SET voided_at = NULL WHERE id % 49 = 0`);
    await db.execute(sql`UPDATE member_links SET unlinked_at = linked_at + interval '20 days' WHERE id % 3 = 0 AND unlinked_at IS NULL`);
    await db.execute(sql`UPDATE point_lots SET reversed_at = earned_at + interval '1 hour' WHERE remaining > 0 AND md5(id) < '3'`);
    await db.execute(sql`UPDATE point_lots SET remaining = remaining / 2 WHERE remaining > 0 AND md5(id) > 'c'`);
    await db.execute(sql`UPDATE point_lots SET expires_at = '2026-06-30T14:45:00Z' WHERE md5(id) BETWEEN '5' AND '6'`);
    await db.execute(sql`DELETE FROM member_profiles WHERE md5(member_id::text) < '2'`);
    await db.execute(sql`UPDATE coupons SET used_at = issued_at + interval '3 days' WHERE used_at IS NULL AND md5(code) < '4'`);
    await db.execute(sql`UPDATE coupons SET used_at = NULL WHERE used_at IS NOT NULL AND md5(code) > 'e'`);
    await db.execute(sql`UPDATE line_friend_events SET line_user_id = 'erased' WHERE line_user_id IN (SELECT line_user_id FROM line_friend_events ORDER BY md5(line_user_id) LIMIT 15)`);
    await db.execute(sql`DELETE FROM line_friend_events WHERE md5(webhook_event_id) < '1'`);
    await db.execute(sql`UPDATE line_friends SET is_friend = NOT is_friend WHERE md5(line_user_id) < '2'`);
    await db.execute(sql`DELETE FROM line_friends WHERE md5(line_user_id) > 'e'`);
    await db.execute(sql`UPDATE members SET line_user_id = NULL WHERE md5(id::text) < '1'`);
    await expectRollupsEqualReference(database);
  }, 120_000);

  it('a rebuild from the base tables gives the same rollups the triggers kept', async () => {
    const { db } = database;
    const snapshot = async () =>
      ((await db.execute(
        sql`SELECT (SELECT md5(string_agg(day || ':' || members_created || ':' || profiles_completed || ':' || links || ':' || linked_delta || ':' || incentives_granted || ':' || follows || ':' || unfollows || ':' || friends_delta || ':' || top_tier_delta, ',' ORDER BY day))
              FROM (SELECT day, sum(members_created) AS members_created, sum(profiles_completed) AS profiles_completed, sum(links) AS links, sum(linked_delta) AS linked_delta,
                sum(incentives_granted) AS incentives_granted, sum(follows) AS follows, sum(unfollows) AS unfollows, sum(friends_delta) AS friends_delta, sum(top_tier_delta) AS top_tier_delta
                FROM dashboard_days GROUP BY day) d
              -- Triggers leave days whose changes cancelled out as zeros; a rebuild writes no such day.
              WHERE (members_created, profiles_completed, links, linked_delta, incentives_granted, follows, unfollows, friends_delta, top_tier_delta) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)) AS days,
            (SELECT md5(string_agg(store_id || ':' || member_id || ':' || day || ':' || previous_day, ',' ORDER BY store_id, member_id, day)) FROM dashboard_store_member_days) AS member_days,
            (SELECT md5(string_agg(line_user_id || ':' || day || ':' || delta, ',' ORDER BY line_user_id, day)) FROM dashboard_friend_changes) AS friends,
            (SELECT md5(string_agg(member_id || ':' || day || ':' || delta, ',' ORDER BY member_id, day)) FROM dashboard_top_tier_changes) AS top_tier`,
      )) as unknown as { rows: unknown[] }).rows[0];
    const kept = await snapshot();
    await rebuildRollups(db, program, until);
    expect(await snapshot()).toEqual(kept);
    expect((await builtRollups(db))?.builtAt).toEqual(until);
    await expectRollupsEqualReference(database);
  }, 120_000);

  it('a programme with another top tier rebuilds them at start', async () => {
    const richer = { ...program, tiers: program.tiers.map((tier, i, all) => (i === all.length - 1 ? { ...tier, minSpendYen: 30_000 } : tier)) };
    expect(await ensureRollups(database.db, richer, until)).toBe(true);
    const range = { from: '2025-11-23', to: '2026-11-22' };
    expect(await rollup.funnel(database.db, richer, range)).toEqual(await reference.funnel(database.db, richer, range));
    expect(await ensureRollups(database.db, program, until)).toBe(true);
  }, 120_000);
});
