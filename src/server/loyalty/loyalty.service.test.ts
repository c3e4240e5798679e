import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PointsOverview } from '../../contract/points';
import type { DatabaseHandle } from '../db/database';
import { pointEntries, pointLots } from '../db/schema/ledger';
import { members } from '../db/schema/members';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { createLoyaltyService } from './loyalty.service';
import { defaultProgramConfig } from './program-config';

/** The loyalty use cases on a real database, through the same service the BFF's routes call. */
const START = '2026-11-23T03:00:00Z';

describe.each(testDatabaseTargets())('loyalty service on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let receipt = 0;
  const nextReceipt = () => `R${++receipt}`;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(() => database.close());
  afterEach(() => t.clock.set(START));

  async function newMember() {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    return { memberId: member!.id, cookie, lineUserId };
  }

  /** A session valid at the test clock's current time (sessions last an hour). */
  async function freshCookie(lineUserId: string) {
    return (await t.signIn(lineUserId)).cookie;
  }

  async function get<T>(cookie: string, path: string): Promise<T> {
    const response = await t.app.request(path, { headers: { cookie } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  /** Balance must always equal the sum of live lots, and no entry may leave it negative. */
  async function expectLedgerConsistent(memberId: string) {
    const now = t.clock.now();
    const [lots] = await database.db
      .select({ sum: sql<string>`coalesce(sum(${pointLots.remaining}) filter (where ${pointLots.expiresAt} >= ${now} and ${pointLots.reversedAt} is null), 0)` })
      .from(pointLots)
      .where(eq(pointLots.memberId, memberId));
    const summary = await t.deps.loyalty.memberSummary(memberId);
    expect(summary.pointsBalance).toBe(Number(lots!.sum));
    expect(summary.pointsBalance).toBeGreaterThanOrEqual(0);
  }

  it('records a purchase: points at the tier rate (floored), a stamp, and the card shows both', async () => {
    const { memberId, cookie } = await newMember();
    const outcome = await t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId: nextReceipt(), amountYen: 5_499 });
    expect(outcome).toMatchObject({ ok: true, replayed: false, pointsEarned: 54, stampAwarded: true, pointsBalance: 54, rewardCoupon: null });

    const card = await get<{ pointsBalance: number; stamps: { count: number }; tier: { spendYen: number; gapYen: number } }>(cookie, '/api/me/card');
    expect(card).toMatchObject({ pointsBalance: 54, stamps: { count: 1 }, tier: { spendYen: 5_499, gapYen: 44_501 } });
    const points = await get<PointsOverview>(cookie, '/api/me/points');
    expect(points.history[0]).toMatchObject({ kind: 'earn', label: 'purchase', points: 54, storeName: { ja: '渋谷店', en: 'Shibuya' }, amountYen: 5_499, voidedPurchase: null });
  });

  it('grants a receipt once: the same receipt again replays the first answer; another member or amount is a conflict', async () => {
    const { memberId } = await newMember();
    const other = await newMember();
    const receiptId = nextReceipt();
    const first = await t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId, amountYen: 3_000 });
    const again = await t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId, amountYen: 3_000 });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId, amountYen: 3_001 })).toEqual({ ok: false, error: 'receipt_conflict' });
    expect(await t.deps.loyalty.recordPurchase({ memberId: other.memberId, storeId: 'shibuya', receiptId, amountYen: 3_000 })).toEqual({
      ok: false,
      error: 'receipt_conflict',
    });
    // The same receipt id at another store is another purchase.
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 'umeda', receiptId, amountYen: 3_000 })).toMatchObject({ ok: true, replayed: false });
    expect((await t.deps.loyalty.memberSummary(memberId)).pointsBalance).toBe(60);
  });

  it('the same receipt sent by two registers at the same moment grants once', async () => {
    const { memberId } = await newMember();
    const receiptId = nextReceipt();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId, amountYen: 10_000 })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect((await t.deps.loyalty.memberSummary(memberId)).pointsBalance).toBe(100);
    await expectLedgerConsistent(memberId);
  });

  it('redeems points oldest lot first, refuses more than the balance, and replays a key', async () => {
    const { memberId } = await newMember();
    await t.deps.loyalty.grantPoints({ memberId, points: 100, kind: 'adjust', idempotencyKey: 'g1', reason: 'test' });
    await t.deps.loyalty.grantPoints({ memberId, points: 50, kind: 'adjust', idempotencyKey: 'g2', reason: 'test' });
    expect(await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 151, idempotencyKey: 'k0' })).toEqual({
      ok: false,
      error: 'insufficient_points',
      pointsBalance: 150,
    });
    expect(await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 150, idempotencyKey: 'k1' })).toEqual({
      ok: true,
      replayed: false,
      pointsBalance: 0,
    });
    expect(await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 150, idempotencyKey: 'k1' })).toEqual({
      ok: true,
      replayed: true,
      pointsBalance: 0,
    });
    expect(await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 10, idempotencyKey: 'k1' })).toEqual({
      ok: false,
      error: 'idempotency_key_conflict',
    });
    await expectLedgerConsistent(memberId);
  });

  it('two registers spending more than the balance together at the same moment: exactly the allowed ones succeed', async () => {
    const { memberId } = await newMember();
    await t.deps.loyalty.grantPoints({ memberId, points: 1_000, kind: 'adjust', idempotencyKey: 'g', reason: 'test' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 300, idempotencyKey: `spend-${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error === 'insufficient_points')).toHaveLength(5);
    expect((await t.deps.loyalty.memberSummary(memberId)).pointsBalance).toBe(100);
    await expectLedgerConsistent(memberId);
  });

  it('the tenth stamp completes the card and issues the reward coupon, usable once even by two clerks at once', async () => {
    const { memberId, lineUserId } = await newMember();
    let last;
    for (let day = 0; day < 10; day++) {
      last = await t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId: nextReceipt(), amountYen: 1_000 });
      t.clock.advance(86_400_000);
    }
    expect(last).toMatchObject({ ok: true, stampAwarded: true, rewardCoupon: { kind: 'stamp_reward', status: 'usable' } });
    const cookie = await freshCookie(lineUserId);
    const stamps = await get<{ stamps: unknown[]; completedCards: number; rewardWaiting: unknown }>(cookie, '/api/me/stamps');
    expect(stamps).toMatchObject({ stamps: [], completedCards: 1, rewardWaiting: { kind: 'stamp_reward', status: 'usable', code: last!.ok ? last!.rewardCoupon!.code : '' } });

    const code = last!.ok ? last!.rewardCoupon!.code : '';
    const attempts = await Promise.all(
      ['clerk-a', 'clerk-b', 'clerk-c'].map((key) => t.deps.loyalty.redeemCoupon({ memberId, couponCode: code, storeId: 'shibuya', idempotencyKey: key })),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    expect(attempts.filter((a) => !a.ok && a.error === 'coupon_used')).toHaveLength(2);
    // Once used, the stamp screen no longer celebrates it.
    expect((await get<{ rewardWaiting: unknown }>(cookie, '/api/me/stamps')).rewardWaiting).toBeNull();
    const list = await get<{ coupons: Array<{ status: string }> }>(cookie, '/api/me/coupons');
    expect(list.coupons.map((c) => c.status)).toEqual(['used']);
  });

  it('one stamp a day at most, and none below ¥1,000', async () => {
    const { memberId } = await newMember();
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 's', receiptId: nextReceipt(), amountYen: 999 })).toMatchObject({ stampAwarded: false });
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 's', receiptId: nextReceipt(), amountYen: 1_000 })).toMatchObject({ stampAwarded: true });
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 's', receiptId: nextReceipt(), amountYen: 9_000 })).toMatchObject({ stampAwarded: false });
    expect((await t.deps.loyalty.memberSummary(memberId)).stamps.count).toBe(1);
  });

  it('a void undoes the purchase: points (clawing back spent ones from other lots), stamp and spend; twice is once', async () => {
    const { memberId } = await newMember();
    await t.deps.loyalty.grantPoints({ memberId, points: 40, kind: 'adjust', idempotencyKey: 'older', reason: 'test' });
    const receiptId = nextReceipt();
    await t.deps.loyalty.recordPurchase({ memberId, storeId: 'shibuya', receiptId, amountYen: 10_000 }); // +100
    await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 120, idempotencyKey: 'spend' }); // 40 + 80 of the purchase lot
    const voided = await t.deps.loyalty.voidPurchase({ storeId: 'shibuya', receiptId });
    // 20 left in the purchase lot are removed; the 80 spent cannot be clawed back (nothing left): unrecoverable.
    expect(voided).toMatchObject({ ok: true, replayed: false, memberId, reversedPoints: 20, unrecoverablePoints: 80, pointsBalance: 0 });
    expect(await t.deps.loyalty.voidPurchase({ storeId: 'shibuya', receiptId })).toMatchObject({ ok: true, replayed: true, pointsBalance: 0 });
    const summary = await t.deps.loyalty.memberSummary(memberId);
    expect(summary).toMatchObject({ stamps: { count: 0 }, tier: { spendYen: 0 } });
    expect(await t.deps.loyalty.voidPurchase({ storeId: 'shibuya', receiptId: 'nope' })).toEqual({ ok: false, error: 'purchase_not_found' });
    await expectLedgerConsistent(memberId);
  });

  it('the points history says in plain words what each entry was: the store by name, the bonus by kind, the purchase a void undid', async () => {
    const { memberId, cookie } = await newMember();
    await t.deps.loyalty.grantPoints({ memberId, points: 300, kind: 'adjust', idempotencyKey: 'link-incentive:crm-1', reason: 'link incentive' });
    await t.deps.loyalty.grantPoints({ memberId, points: 100, kind: 'adjust', idempotencyKey: `profile-completion:${memberId}`, reason: 'profile completion' });
    await t.deps.loyalty.grantPoints({ memberId, points: 50, kind: 'adjust', idempotencyKey: 'seed:persona:0', reason: 'seeded persona' });
    const receiptId = nextReceipt();
    await t.deps.loyalty.recordPurchase({ memberId, storeId: 'umeda', receiptId, amountYen: 2_000 });
    await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 30, idempotencyKey: 'spend-history' });
    await t.deps.loyalty.voidPurchase({ storeId: 'umeda', receiptId });
    await t.deps.loyalty.recordPurchase({ memberId, storeId: 'not-listed', receiptId: nextReceipt(), amountYen: 1_000 });

    const { history } = await get<PointsOverview>(cookie, '/api/me/points');
    const rows = history.map(({ label, points, storeName, amountYen, voidedPurchase }) => ({ label, points, store: storeName?.en ?? null, amountYen, voidedPurchase }));
    expect(rows).toEqual([
      { label: 'purchase', points: 10, store: null, amountYen: 1_000, voidedPurchase: null },
      { label: 'purchase_void', points: -20, store: 'Umeda', amountYen: null, voidedPurchase: { receiptId, amountYen: 2_000, at: new Date(START).toISOString() } },
      { label: 'points_used', points: -30, store: 'Shibuya', amountYen: null, voidedPurchase: null },
      { label: 'purchase', points: 20, store: 'Umeda', amountYen: 2_000, voidedPurchase: null },
      { label: 'bonus', points: 50, store: null, amountYen: null, voidedPurchase: null },
      { label: 'profile_bonus', points: 100, store: null, amountYen: null, voidedPurchase: null },
      { label: 'link_bonus', points: 300, store: null, amountYen: null, voidedPurchase: null },
    ]);
  });

  it('REINE from ¥50,000 in the window earns 3 pt per ¥100 from the next purchase on', async () => {
    const { memberId } = await newMember();
    await t.deps.loyalty.recordPurchase({ memberId, storeId: 's', receiptId: nextReceipt(), amountYen: 49_999 });
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 's', receiptId: nextReceipt(), amountYen: 1 })).toMatchObject({ pointsEarned: 0 });
    expect((await t.deps.loyalty.memberSummary(memberId)).tier).toMatchObject({ current: { id: 'REINE' }, gapYen: 0, next: null });
    expect(await t.deps.loyalty.recordPurchase({ memberId, storeId: 's', receiptId: nextReceipt(), amountYen: 1_000 })).toMatchObject({ pointsEarned: 30 });
  });

  it('the daily job expires lots past their month end and issues birthday coupons, once a day', async () => {
    const { memberId, lineUserId } = await newMember();
    await t.deps.loyalty.grantPoints({ memberId, points: 70, kind: 'adjust', idempotencyKey: 'to-expire', reason: 'test' });
    await database.db.update(members).set({ birthday: '1992-02-29' }).where(eq(members.id, memberId));

    t.clock.set('2028-02-10T00:00:00+09:00'); // Feb 2028: the lot (earned in 2026) has expired; a leap-day birthday month.
    const first = await t.deps.loyalty.runDailyJob();
    expect(first.expiredPoints).toBeGreaterThanOrEqual(70);
    expect(first.birthdayCouponsIssued).toBeGreaterThanOrEqual(1);
    const second = await t.deps.loyalty.runDailyJob();
    expect(second).toEqual({ membersTouched: 0, expiredPoints: 0, birthdayCouponsIssued: 0, factsRefreshed: 0, tierDrops: 0 });

    const cookie = await freshCookie(lineUserId);
    const points = await get<{ balance: number; history: Array<{ kind: string; points: number }> }>(cookie, '/api/me/points');
    expect(points.balance).toBe(0);
    expect(points.history[0]).toMatchObject({ kind: 'expire', points: -70 });
    const coupons = await get<{ coupons: Array<{ kind: string; status: string; validUntil: string }> }>(cookie, '/api/me/coupons');
    expect(coupons.coupons).toEqual([expect.objectContaining({ kind: 'birthday', status: 'usable', validUntil: '2028-02-29T14:59:59.999Z' })]);
    const [expired] = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)).orderBy(sql`${pointEntries.id} desc`).limit(1);
    expect(expired).toMatchObject({ kind: 'expire', balanceAfter: 0 });
  });

  it('another member cannot open a coupon that is not theirs', async () => {
    const owner = await newMember();
    await database.db.update(members).set({ birthday: '1990-11-05' }).where(eq(members.id, owner.memberId));
    const { issued } = await t.deps.loyalty.issueBirthdayCouponIfDue(owner.memberId);
    expect(issued).toMatchObject({ kind: 'birthday' });
    expect((await t.deps.loyalty.issueBirthdayCouponIfDue(owner.memberId)).issued).toBeNull();
    const stranger = await newMember();
    expect((await t.app.request(`/api/me/coupons/${issued!.id}`, { headers: { cookie: stranger.cookie } })).status).toBe(404);
    expect((await t.app.request(`/api/me/coupons/${issued!.id}`, { headers: { cookie: owner.cookie } })).status).toBe(200);
  });
  it('tells onCardChanged inside the transaction of each change: a hook that fails undoes the change with it', async () => {
    const { memberId } = await newMember();
    const told: string[] = [];
    const telling = createLoyaltyService({ db: database.db, program: defaultProgramConfig, clock: t.clock.now, onCardChanged: async (_tx, change) => void told.push(change.memberId) });
    expect(await telling.recordPurchase({ memberId, storeId: 'shibuya', receiptId: nextReceipt(), amountYen: 3_000 })).toMatchObject({ ok: true, pointsBalance: 30 });
    expect(await telling.redeemPoints({ memberId, storeId: 'shibuya', points: 10, idempotencyKey: `hook-${memberId}` })).toMatchObject({ ok: true, pointsBalance: 20 });
    expect(told).toEqual([memberId, memberId]);

    const failing = createLoyaltyService({ db: database.db, program: defaultProgramConfig, clock: t.clock.now, onCardChanged: async () => { throw new Error('outbox unavailable'); } });
    await expect(failing.recordPurchase({ memberId, storeId: 'shibuya', receiptId: nextReceipt(), amountYen: 9_000 })).rejects.toThrow('outbox unavailable');
    expect((await t.deps.loyalty.memberSummary(memberId)).pointsBalance).toBe(20);
    await expectLedgerConsistent(memberId);
  });
});
