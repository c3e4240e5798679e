import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from '../db/database';
import { defaultProgramConfig } from '../loyalty/program-config';
import { testDatabaseTargets } from '../testing/test-databases';
import { generateDemoData } from './demo-data';

const until = new Date('2026-11-23T15:00:00Z');
const options = { members: 300, seed: 42, until, months: 18, batchSize: 120 };

async function one<T>(db: Database, query: string): Promise<T> {
  const result = (await db.execute(sql.raw(query))) as unknown as { rows: T[] };
  return result.rows[0]!;
}

/** What the history looks like, independent of serial ids. */
async function fingerprint(db: Database) {
  return one<Record<string, unknown>>(
    db,
    `SELECT (SELECT count(*)::int FROM members) AS members,
      (SELECT md5(string_agg(receipt_id || ':' || amount_yen || ':' || points_earned || ':' || purchased_at::text, ',' ORDER BY receipt_id)) FROM purchases) AS purchases,
      (SELECT md5(string_agg(member_id || ':' || kind || ':' || at::text || ':' || points || ':' || balance_after, ',' ORDER BY member_id, at, kind, points, balance_after)) FROM point_entries) AS entries,
      (SELECT md5(string_agg(webhook_event_id || ':' || occurred_at::text, ',' ORDER BY webhook_event_id)) FROM line_friend_events) AS friend_events,
      (SELECT count(*)::int FROM coupons) AS coupons, (SELECT count(*)::int FROM member_links) AS links`,
  );
}

describe.each(testDatabaseTargets())('demo-data generator on $name', ({ open }) => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await open();
    await generateDemoData(database.db, defaultProgramConfig, options);
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it('writes a history of every kind within the 18 months', async () => {
    const counts = await one<Record<string, number>>(
      database.db,
      `SELECT (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM purchases) AS purchases,
        (SELECT count(DISTINCT kind)::int FROM point_entries) AS entry_kinds, (SELECT count(DISTINCT kind)::int FROM coupons) AS coupon_kinds,
        (SELECT count(*)::int FROM line_friend_events WHERE kind = 'unfollow') AS blocks, (SELECT count(*)::int FROM member_links) AS links,
        (SELECT count(*)::int FROM member_profiles) AS profiles, (SELECT count(*)::int FROM crm_member_benefits) AS incentives,
        (SELECT count(*)::int FROM purchases WHERE purchased_at >= '${until.toISOString()}' OR purchased_at < '2025-05-23T15:00:00Z') AS outside`,
    );
    expect(counts.members).toBe(300);
    expect(counts.purchases).toBeGreaterThan(2000);
    expect(counts.entry_kinds).toBe(4); // earn, adjust (link incentive), redeem, expire
    expect(counts.coupon_kinds).toBe(2); // stamp rewards, birthdays
    for (const key of ['blocks', 'links', 'profiles', 'incentives']) expect(counts[key], key).toBeGreaterThan(0);
    expect(counts.outside).toBe(0);
  });

  it('keeps the ledger consistent: entries sum to the lots, balances never negative, FIFO redemptions covered by live lots', async () => {
    const check = await one<Record<string, number>>(
      database.db,
      `WITH e AS (SELECT member_id, sum(points) AS s FROM point_entries GROUP BY 1), l AS (SELECT member_id, sum(remaining) AS s FROM point_lots GROUP BY 1)
       SELECT (SELECT count(*)::int FROM e FULL JOIN l USING (member_id) WHERE coalesce(e.s, 0) <> coalesce(l.s, 0)) AS mismatched,
         (SELECT count(*)::int FROM point_entries WHERE balance_after < 0) AS negative,
         (SELECT count(*)::int FROM point_entries r WHERE kind = 'redeem' AND -r.points <> (SELECT sum((a->>'points')::int) FROM jsonb_array_elements(r.allocations) a)) AS bad_allocations,
         (SELECT count(*)::int FROM purchases p JOIN point_lots l ON l.member_id = p.member_id AND l.id = 'lot:purchase:' || p.id WHERE l.points <> p.points_earned) AS bad_lots,
         (SELECT count(*)::int FROM point_lots WHERE expires_at < '${until.toISOString()}' AND remaining > 0) AS unexpired_dead_lots`,
    );
    expect(check).toEqual({ mismatched: 0, negative: 0, bad_allocations: 0, bad_lots: 0, unexpired_dead_lots: 0 });
  });

  it('keeps each LINE user’s friend status (line_friends) at their last event, as the webhook does, for segments and reach', async () => {
    const check = await one<Record<string, number>>(
      database.db,
      `WITH last AS (SELECT DISTINCT ON (line_user_id) line_user_id, kind = 'follow' AS is_friend, occurred_at FROM line_friend_events ORDER BY line_user_id, occurred_at DESC)
       SELECT (SELECT count(*)::int FROM last) AS users, (SELECT count(*)::int FROM line_friends) AS statuses,
         (SELECT count(*)::int FROM last FULL JOIN line_friends f USING (line_user_id)
           WHERE f.is_friend IS DISTINCT FROM last.is_friend OR f.changed_at IS DISTINCT FROM last.occurred_at) AS mismatched,
         (SELECT count(*)::int FROM line_friends WHERE NOT is_friend) AS blocked`,
    );
    expect(check.statuses).toBe(check.users);
    expect(check.mismatched).toBe(0);
    expect(check.blocked).toBeGreaterThan(0);
  });

  it('follows the stamp rules: one stamp per qualifying purchase and day, a reward coupon per full card', async () => {
    const check = await one<Record<string, number>>(
      database.db,
      `SELECT (SELECT count(*)::int FROM purchases p WHERE p.stamp_awarded <> EXISTS (SELECT 1 FROM stamps s WHERE s.purchase_id = p.id)) AS stamp_mismatch,
         (SELECT count(*)::int FROM purchases WHERE stamp_awarded AND amount_yen < ${defaultProgramConfig.stamps.minPurchaseYen}) AS below_minimum,
         (SELECT count(*)::int FROM (SELECT member_id, jst_day FROM stamps GROUP BY 1, 2 HAVING count(*) > ${defaultProgramConfig.stamps.maxPerDay}) d) AS over_daily_limit,
         (SELECT count(*)::int FROM (SELECT member_id, card_number FROM stamps GROUP BY 1, 2 HAVING count(*) = ${defaultProgramConfig.stamps.cardSize}) c) AS full_cards,
         (SELECT count(*)::int FROM coupons WHERE kind = 'stamp_reward') AS rewards`,
    );
    expect(check).toMatchObject({ stamp_mismatch: 0, below_minimum: 0, over_daily_limit: 0 });
    expect(check.rewards).toBe(check.full_cards);
  });

  it('is deterministic: the same seed gives the same history in another database and another batch size; a second run is refused', async () => {
    const again = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      await generateDemoData(again.db, defaultProgramConfig, { ...options, batchSize: 300 });
      expect(await fingerprint(again.db)).toEqual(await fingerprint(database.db));
    } finally {
      await again.close();
    }
    await expect(generateDemoData(database.db, defaultProgramConfig, options)).rejects.toThrow(/already holds demo data/);
  }, 120_000);
});
