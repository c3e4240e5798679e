import type { Coupon } from '../../contract/coupons';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { toCoupon } from './coupons.use-case';
import { lotExpiresAt, pointsForPurchase, refreshExpiryAfterPurchase } from './earning';
import { endOfJstDay, jstDate, startOfJstDay } from './jst';
import { grantPoints as grantPointsRule, mergeChanges, reversePurchase } from './ledger';
import { inTransaction, type LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import { checkPurchase, type PurchaseRefusal } from './register-controls';
import { stampForPurchase, voidStampForPurchase } from './stamps';
import { tierFor, tierWindowStart } from './tiers';
import { lockMember } from '../members/members.repository';

/**
 * A purchase at the register and its void. A purchase is keyed by (store, receipt id): sending the
 * same receipt again answers with what was stored (`replayed`), never with a second earning.
 */

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

export type VoidPurchaseOutcome =
  | { ok: true; replayed: boolean; memberId: string; reversedPoints: number; unrecoverablePoints: number; pointsBalance: number }
  | { ok: false; error: 'purchase_not_found' };

export async function recordPurchase(deps: LoyaltyDeps, input: RecordPurchaseInput, outer?: Database): Promise<PurchaseOutcome> {
  try {
    return await inTransaction(deps.db, outer, (tx) => recordPurchaseOnce(deps, tx, input));
  } catch (error) {
    // Two registers sending one receipt at the same moment: the loser of the unique index sees the winner's purchase.
    if (!outer && isUniqueViolation(error)) return inTransaction(deps.db, undefined, (tx) => recordPurchaseOnce(deps, tx, input));
    throw error;
  }
}

async function recordPurchaseOnce({ program, clock, onCardChanged }: LoyaltyDeps, tx: Database, input: RecordPurchaseInput): Promise<PurchaseOutcome> {
  const now = clock();
  if (!(await lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };

  // Under the lock, in one round trip: a purchase already under this receipt, the tier window's spend, today's totals.
  const { existing, tierSpendYen, today } = await repo.purchaseContext(tx, {
    memberId: input.memberId,
    storeId: input.storeId,
    receiptId: input.receiptId,
    tierWindow: { from: tierWindowStart(now, program), to: now },
    day: { from: startOfJstDay(jstDate(now)), to: endOfJstDay(jstDate(now)) },
  });
  if (existing) {
    if (existing.memberId !== input.memberId || existing.amountYen !== input.amountYen) return { ok: false, error: 'receipt_conflict' };
    return purchaseAnswer(tx, program.stamps.cardSize, existing, true, now);
  }

  // Points at the tier the member held before this purchase.
  const tierBefore = tierFor(tierSpendYen, program);
  const points = pointsForPurchase(input.amountYen, tierBefore.id, program);
  // Checked under the member's lock, so parallel registers cannot each pass the daily limit.
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
  await onCardChanged?.(tx, { memberId: input.memberId, now });

  const stamping = stampForPurchase(await repo.loadStamps(tx, input.memberId), { purchaseId, amountYen: input.amountYen, purchasedAt: now }, now, program);
  if (stamping.changed) await repo.writeStamp(tx, input.memberId, stamping.changed);
  if (stamping.result.awarded && stamping.result.couponToIssue) {
    await repo.issueCoupon(tx, input.memberId, stamping.result.couponToIssue, now);
  }
  await repo.updatePurchase(tx, purchase.id, { pointsEarned: points, stampAwarded: stamping.result.awarded });
  return purchaseAnswer(tx, program.stamps.cardSize, { ...purchase, pointsEarned: points, stampAwarded: stamping.result.awarded }, false, now);
}

/** The answer for a stored purchase; a replay gets the same answer from what was stored, not from the moment of the replay. */
async function purchaseAnswer(tx: Database, cardSize: number, purchase: repo.PurchaseRow, replayed: boolean, now: Date): Promise<PurchaseOutcome> {
  const purchaseId = String(purchase.id);
  const stamps = await repo.loadStamps(tx, purchase.memberId);
  const stamp = stamps.find((s) => s.purchaseId === purchaseId);
  let rewardCoupon: Coupon | null = null;
  if (stamp) {
    const onCard = stamps.filter((s) => s.cardNumber === stamp.cardNumber && s.voidedAt === null);
    if (onCard.length >= cardSize && onCard[cardSize - 1] === stamp) {
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

export async function voidPurchase(
  { db, program, clock, onCardChanged }: LoyaltyDeps,
  input: { storeId: string; receiptId: string },
  outer?: Database,
): Promise<VoidPurchaseOutcome> {
  return inTransaction(db, outer, async (tx) => {
    const now = clock();
    const found = await repo.findPurchaseByReceipt(tx, input.storeId, input.receiptId);
    if (!found) return { ok: false, error: 'purchase_not_found' };
    await lockMember(tx, found.memberId);
    // Re-read under the lock: a concurrent void may have finished meanwhile.
    const purchase = (await repo.findPurchaseByReceipt(tx, input.storeId, input.receiptId))!;
    const purchaseId = String(purchase.id);
    const ledger = await repo.loadLedger(tx, purchase.memberId);
    const reversal = reversePurchase(ledger, { purchaseId, at: now });
    let reversedPoints = 0;
    let unrecoverablePoints = 0;
    if (reversal.result.ok) {
      await repo.writeLedgerChange(tx, purchase.memberId, reversal.added, { storeId: input.storeId });
      await onCardChanged?.(tx, { memberId: purchase.memberId, now });
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
