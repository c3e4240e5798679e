import type { Coupon } from '../../contract/coupons';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { birthdayCouponFor, couponStatus, redeemCoupon as redeemCouponRule } from './coupons';
import { planDailyJob } from './daily-job';
import { lotExpiresAt, pointsForPurchase, refreshExpiryAfterPurchase } from './earning';
import { endOfJstDay, jstDate, startOfJstDay } from './jst';
import { grantPoints as grantPointsRule, mergeChanges, redeemPoints as redeemPointsRule, reversePurchase } from './ledger';
import * as repo from './loyalty.repository';
import type { ProgramConfig } from './program-config';
import { checkPurchase, type PurchaseRefusal } from './register-controls';
import { stampCardView, stampForPurchase, voidStampForPurchase } from './stamps';
import { tierFor, tierProgress, tierWindowStart, toTierProgressView } from './tiers';

/**
 * The loyalty use cases: each loads one member's state under a row lock, applies the pure rules
 * and writes what changed in the same transaction. Nothing here knows HTTP.
 *
 * Idempotency: a purchase is keyed by (store, receipt id); a redemption or grant by the caller's
 * key, stored as the ledger entry key (unique per member in the database as well).
 */

export type LoyaltyDeps = { db: Database; program: ProgramConfig; clock: () => Date };

export type MemberLoyaltySummary = {
  pointsBalance: number;
  soonestExpiry: { points: number; expiresAt: Date } | null;
  tier: ReturnType<typeof toTierProgressView>;
  stamps: { count: number; cardSize: number };
  usableCoupons: Coupon[];
};

export type PurchaseOutcome =
  | {
      ok: true;
      replayed: boolean;
      purchaseId: string;
      pointsEarned: number;
      stampAwarded: boolean;
      rewardCoupon: Coupon | null;
      pointsBalance: number;
    }
  | { ok: false; error: 'receipt_conflict' | 'member_not_found' }
  | { ok: false; error: PurchaseRefusal; limit: number };

/** `approved`: a manager's credential came with the request and was verified (the route checks it). */
export type RecordPurchaseInput = { memberId: string; storeId: string; receiptId: string; amountYen: number; approved?: boolean };

export type RedeemPointsOutcome =
  | { ok: true; replayed: boolean; pointsBalance: number }
  | { ok: false; error: 'insufficient_points'; pointsBalance: number }
  | { ok: false; error: 'idempotency_key_conflict' | 'member_not_found' };

export type RedeemCouponOutcome =
  | { ok: true; replayed: boolean; coupon: Coupon }
  | { ok: false; error: 'coupon_not_found' | 'coupon_used' | 'coupon_expired' | 'coupon_not_yet_valid' | 'member_not_found' };

export type VoidPurchaseOutcome =
  | { ok: true; replayed: boolean; memberId: string; reversedPoints: number; unrecoverablePoints: number; pointsBalance: number }
  | { ok: false; error: 'purchase_not_found' };

export type GrantPointsOutcome =
  | { ok: true; replayed: boolean; pointsBalance: number }
  | { ok: false; error: 'idempotency_key_conflict' | 'invalid_points' | 'member_not_found' };

export type LoyaltyService = ReturnType<typeof createLoyaltyService>;

const HISTORY_LIMIT = 100;

/** `replayed` answers must not depend on the moment of the replay, only on what was stored. */
export function createLoyaltyService({ db, program, clock }: LoyaltyDeps) {
  /** Runs `work` in a transaction: a nested one (savepoint) when the caller passes its own. */
  function inTransaction<T>(tx: Database | undefined, work: (tx: Database) => Promise<T>): Promise<T> {
    return (tx ?? db).transaction((inner) => work(inner as unknown as Database));
  }

  function toCoupon(row: repo.CouponRow, now: Date): Coupon {
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      discount: row.discount,
      validFrom: row.validFrom.toISOString(),
      validUntil: row.validUntil.toISOString(),
      status: couponStatus(row, now),
      usedAt: row.usedAt?.toISOString() ?? null,
      code: row.code,
    };
  }

  async function tierAt(tx: Database, memberId: string, now: Date, excludePurchaseId?: number) {
    const spend = await repo.spendBetween(tx, memberId, tierWindowStart(now, program), now, excludePurchaseId);
    return tierProgress(spend, program);
  }

  async function memberSummary(memberId: string, tx: Database = db): Promise<MemberLoyaltySummary> {
    const now = clock();
    const [pointsBalance, expiries, tier, stamps, coupons] = await Promise.all([
      repo.liveBalance(tx, memberId, now),
      repo.upcomingExpiries(tx, memberId, now),
      tierAt(tx, memberId, now),
      repo.loadStamps(tx, memberId),
      repo.usableCoupons(tx, memberId, now),
    ]);
    const card = stampCardView(stamps, program);
    return {
      pointsBalance,
      soonestExpiry: expiries[0] ?? null,
      tier: toTierProgressView(tier),
      stamps: { count: card.stamps.length, cardSize: program.stamps.cardSize },
      usableCoupons: coupons.map((c) => toCoupon(c, now)),
    };
  }

  async function recordPurchase(
    input: RecordPurchaseInput,
    outer?: Database,
  ): Promise<PurchaseOutcome> {
    try {
      return await inTransaction(outer, (tx) => recordPurchaseOnce(tx, input));
    } catch (error) {
      // Two registers sending one receipt at the same moment: the loser of the unique index sees the winner's purchase.
      if (!outer && isUniqueViolation(error)) return inTransaction(undefined, (tx) => recordPurchaseOnce(tx, input));
      throw error;
    }
  }

  async function recordPurchaseOnce(tx: Database, input: RecordPurchaseInput): Promise<PurchaseOutcome> {
    const now = clock();
    if (!(await repo.lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };

    const existing = await repo.findPurchaseByReceipt(tx, input.storeId, input.receiptId);
    if (existing) {
      if (existing.memberId !== input.memberId || existing.amountYen !== input.amountYen) return { ok: false, error: 'receipt_conflict' };
      return purchaseAnswer(tx, existing, true, now);
    }

    // Points at the tier the member held before this purchase.
    const tierBefore = tierFor(await repo.spendBetween(tx, input.memberId, tierWindowStart(now, program), now), program);
    const points = pointsForPurchase(input.amountYen, tierBefore.id, program);
    // Checked under the member's lock, so parallel registers cannot each pass the daily limit.
    const today = await repo.purchaseTotalsBetween(tx, input.memberId, startOfJstDay(jstDate(now)), endOfJstDay(jstDate(now)));
    const allowed = checkPurchase({ amountYen: input.amountYen, points, today, approved: input.approved ?? false }, program.registerControls);
    if (!allowed.ok) return allowed;

    const purchase = await repo.insertPurchase(tx, {
      memberId: input.memberId,
      storeId: input.storeId,
      receiptId: input.receiptId,
      amountYen: input.amountYen,
      purchasedAt: now,
      pointsEarned: 0,
      stampAwarded: false,
    });
    const purchaseId = String(purchase.id);
    let ledger = await repo.loadLedgerForKey(tx, input.memberId, `purchase:${purchaseId}`);
    const changes = [];
    if (points > 0) {
      const grant = grantPointsRule(ledger, {
        key: `purchase:${purchaseId}`,
        kind: 'earn',
        points,
        at: now,
        expiresAt: lotExpiresAt(now, program),
        purchaseId,
      });
      if (!grant.result.ok) throw new Error(`earning for purchase ${purchaseId} refused: ${grant.result.error}`);
      ledger = grant.state;
      changes.push(grant.added);
    }
    const refresh = refreshExpiryAfterPurchase(ledger, now, now, program);
    changes.push(refresh.added);
    await repo.writeLedgerChange(tx, input.memberId, mergeChanges(changes), { storeId: input.storeId });

    const stamping = stampForPurchase(await repo.loadStamps(tx, input.memberId), { purchaseId, amountYen: input.amountYen, purchasedAt: now }, now, program);
    if (stamping.changed) await repo.writeStamp(tx, input.memberId, stamping.changed);
    if (stamping.result.awarded && stamping.result.couponToIssue) {
      await repo.issueCoupon(tx, input.memberId, stamping.result.couponToIssue, now);
    }
    await repo.updatePurchase(tx, purchase.id, { pointsEarned: points, stampAwarded: stamping.result.awarded });
    return purchaseAnswer(tx, { ...purchase, pointsEarned: points, stampAwarded: stamping.result.awarded }, false, now);
  }

  async function purchaseAnswer(tx: Database, purchase: repo.PurchaseRow, replayed: boolean, now: Date): Promise<PurchaseOutcome> {
    const purchaseId = String(purchase.id);
    const stamps = await repo.loadStamps(tx, purchase.memberId);
    const stamp = stamps.find((s) => s.purchaseId === purchaseId);
    let rewardCoupon: Coupon | null = null;
    if (stamp) {
      const onCard = stamps.filter((s) => s.cardNumber === stamp.cardNumber && s.voidedAt === null);
      if (onCard.length >= program.stamps.cardSize && onCard[program.stamps.cardSize - 1] === stamp) {
        const reward = (await repo.listCoupons(tx, purchase.memberId)).find((c) => c.issueKey === `stamp-card:${stamp.cardNumber}`);
        rewardCoupon = reward ? toCoupon(reward, now) : null;
      }
    }
    return {
      ok: true,
      replayed,
      purchaseId,
      pointsEarned: purchase.pointsEarned,
      stampAwarded: purchase.stampAwarded,
      rewardCoupon,
      pointsBalance: await repo.liveBalance(tx, purchase.memberId, now),
    };
  }

  async function redeemPoints(
    input: { memberId: string; storeId: string; points: number; idempotencyKey: string },
    outer?: Database,
  ): Promise<RedeemPointsOutcome> {
    return inTransaction(outer, async (tx) => {
      const now = clock();
      if (!(await repo.lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };
      const key = `redeem:${input.idempotencyKey}`;
      const ledger = await repo.loadLedgerForKey(tx, input.memberId, key);
      const outcome = redeemPointsRule(ledger, { key, points: input.points, at: now });
      if (!outcome.result.ok) {
        if (outcome.result.error === 'insufficient_points') return { ok: false, error: 'insufficient_points', pointsBalance: outcome.result.balance };
        return { ok: false, error: 'idempotency_key_conflict' };
      }
      await repo.writeLedgerChange(tx, input.memberId, outcome.added, { storeId: input.storeId });
      return { ok: true, replayed: outcome.result.replayed, pointsBalance: await repo.liveBalance(tx, input.memberId, now) };
    });
  }

  async function redeemCoupon(
    input: { memberId: string; couponCode: string; storeId: string; idempotencyKey: string },
    outer?: Database,
  ): Promise<RedeemCouponOutcome> {
    return inTransaction(outer, async (tx) => {
      const now = clock();
      if (!(await repo.lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };
      const coupon =
        (await repo.findCouponByCode(tx, input.memberId, input.couponCode)) ??
        (isUuid(input.couponCode) ? await repo.findCouponById(tx, input.memberId, input.couponCode) : undefined);
      if (!coupon) return { ok: false, error: 'coupon_not_found' };
      const outcome = redeemCouponRule(coupon, { redeemKey: input.idempotencyKey, now, storeId: input.storeId });
      if (!outcome.ok) return { ok: false, error: outcome.error };
      if (!outcome.replayed) await repo.markCouponUsed(tx, outcome.coupon);
      return { ok: true, replayed: outcome.replayed, coupon: toCoupon(outcome.coupon, now) };
    });
  }

  async function voidPurchase(input: { storeId: string; receiptId: string }, outer?: Database): Promise<VoidPurchaseOutcome> {
    return inTransaction(outer, async (tx) => {
      const now = clock();
      const found = await repo.findPurchaseByReceipt(tx, input.storeId, input.receiptId);
      if (!found) return { ok: false, error: 'purchase_not_found' };
      await repo.lockMember(tx, found.memberId);
      // Re-read under the lock: a concurrent void may have finished meanwhile.
      const purchase = (await repo.findPurchaseByReceipt(tx, input.storeId, input.receiptId))!;
      const purchaseId = String(purchase.id);
      const ledger = await repo.loadLedger(tx, purchase.memberId);
      const reversal = reversePurchase(ledger, { purchaseId, at: now });
      let reversedPoints = 0;
      let unrecoverablePoints = 0;
      if (reversal.result.ok) {
        await repo.writeLedgerChange(tx, purchase.memberId, reversal.added, { storeId: input.storeId });
        reversedPoints = reversal.result.entries.reduce((sum, e) => sum - e.points, 0);
        unrecoverablePoints = reversal.result.entries.reduce((sum, e) => sum + e.unrecoverablePoints, 0);
      }
      const stampVoid = voidStampForPurchase(await repo.loadStamps(tx, purchase.memberId), purchaseId, now, program);
      if (stampVoid.changed) await repo.writeStamp(tx, purchase.memberId, stampVoid.changed);
      const replayed = purchase.voidedAt !== null;
      if (!replayed) await repo.updatePurchase(tx, purchase.id, { voidedAt: now });
      return {
        ok: true,
        replayed,
        memberId: purchase.memberId,
        reversedPoints,
        unrecoverablePoints,
        pointsBalance: await repo.liveBalance(tx, purchase.memberId, now),
      };
    });
  }

  /** Points not tied to a purchase: a linked paper card's balance (`transfer`), incentives and corrections (`adjust`). */
  async function grantPoints(
    input: { memberId: string; points: number; kind: 'transfer' | 'adjust'; idempotencyKey: string; reason: string },
    outer?: Database,
  ): Promise<GrantPointsOutcome> {
    return inTransaction(outer, async (tx) => {
      const now = clock();
      if (!(await repo.lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };
      const ledger = await repo.loadLedgerForKey(tx, input.memberId, input.idempotencyKey);
      const outcome = grantPointsRule(ledger, {
        key: input.idempotencyKey,
        kind: input.kind,
        points: input.points,
        at: now,
        expiresAt: lotExpiresAt(now, program),
      });
      if (!outcome.result.ok) {
        return { ok: false, error: outcome.result.error === 'idempotency_key_conflict' ? 'idempotency_key_conflict' : 'invalid_points' };
      }
      await repo.writeLedgerChange(tx, input.memberId, outcome.added, { reason: input.reason });
      return { ok: true, replayed: outcome.result.replayed, pointsBalance: await repo.liveBalance(tx, input.memberId, now) };
    });
  }

  /**
   * Withdrawal: keys that name another system's record (a CRM member id) are replaced, under the
   * member's lock, so the anonymous ledger stays balanced without pointing at a person.
   */
  async function anonymiseLedgerKeys(input: { memberId: string; renames: Array<{ from: string; to: string }> }, outer?: Database): Promise<void> {
    await inTransaction(outer, async (tx) => {
      await repo.lockMember(tx, input.memberId);
      await repo.renameLedgerKeys(tx, input.memberId, input.renames);
    });
  }

  async function issueBirthdayCouponIfDue(memberId: string, outer?: Database): Promise<{ issued: Coupon | null }> {
    return inTransaction(outer, async (tx) => {
      const now = clock();
      const due = birthdayCouponFor(await repo.memberBirthday(tx, memberId), now, program);
      if (!due) return { issued: null };
      const { coupon, created } = await repo.issueCoupon(tx, memberId, due, now);
      return { issued: created ? toCoupon(coupon, now) : null };
    });
  }

  /** Expires lots and issues birthday-month coupons; running it twice the same day does nothing the second time. */
  async function runDailyJob(): Promise<{ membersTouched: number; expiredPoints: number; birthdayCouponsIssued: number }> {
    const now = clock();
    const due = await repo.membersDueForDailyJob(db, now, jstDate(now).month);
    let expiredPoints = 0;
    let birthdayCouponsIssued = 0;
    let membersTouched = 0;
    for (const memberId of due) {
      // One transaction per member: a crash midway leaves every member either done or untouched.
      await inTransaction(undefined, async (tx) => {
        await repo.lockMember(tx, memberId);
        const [lots, birthday, couponIssueKeys] = await Promise.all([
          repo.loadLotsWithPoints(tx, memberId),
          repo.memberBirthday(tx, memberId),
          repo.couponIssueKeys(tx, memberId),
        ]);
        const [plan] = planDailyJob([{ memberId, lots, birthday, couponIssueKeys }], now, program);
        if (!plan) return;
        membersTouched += 1;
        await repo.writeLedgerChange(tx, memberId, plan.ledger);
        expiredPoints += plan.expiredPoints;
        for (const coupon of plan.couponsToIssue) {
          if ((await repo.issueCoupon(tx, memberId, coupon, now)).created) birthdayCouponsIssued += 1;
        }
      });
    }
    return { membersTouched, expiredPoints, birthdayCouponsIssued };
  }

  async function pointsOverview(memberId: string) {
    const now = clock();
    const [balance, expiries, history] = await Promise.all([
      repo.liveBalance(db, memberId, now),
      repo.upcomingExpiries(db, memberId, now),
      repo.pointsHistory(db, memberId, HISTORY_LIMIT),
    ]);
    return { balance, upcomingExpiries: expiries, history };
  }

  async function stampCard(memberId: string) {
    return stampCardView(await repo.loadStamps(db, memberId), program);
  }

  async function coupons(memberId: string): Promise<Coupon[]> {
    const now = clock();
    return (await repo.listCoupons(db, memberId)).map((c) => toCoupon(c, now));
  }

  return {
    memberSummary,
    recordPurchase,
    redeemPoints,
    redeemCoupon,
    voidPurchase,
    grantPoints,
    anonymiseLedgerKeys,
    issueBirthdayCouponIfDue,
    runDailyJob,
    pointsOverview,
    stampCard,
    coupons,
  };
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
