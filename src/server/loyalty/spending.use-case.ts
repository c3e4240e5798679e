import type { Coupon } from '../../contract/coupons';
import type { Database } from '../db/database';
import { redeemCoupon as redeemCouponRule } from './coupons';
import { toCoupon } from './coupons.use-case';
import { redeemPoints as redeemPointsRule } from './ledger';
import { inTransaction, type LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import { lockMember } from '../members/members.repository';

/**
 * Spending at the register: points and coupons. Each is keyed by the caller's idempotency key, so
 * a retried request is answered as a replay instead of spending twice.
 */

export type RedeemPointsOutcome =
  | { ok: true; replayed: boolean; pointsBalance: number }
  | { ok: false; error: 'insufficient_points'; pointsBalance: number }
  | { ok: false; error: 'idempotency_key_conflict' | 'member_not_found' };

export type RedeemCouponOutcome =
  | { ok: true; replayed: boolean; coupon: Coupon }
  | { ok: false; error: 'coupon_not_found' | 'coupon_used' | 'coupon_expired' | 'coupon_not_yet_valid' | 'member_not_found' };

export async function redeemPoints(
  { db, clock, onCardChanged }: LoyaltyDeps,
  input: { memberId: string; storeId: string; points: number; idempotencyKey: string },
  outer?: Database,
): Promise<RedeemPointsOutcome> {
  return inTransaction(db, outer, async (tx) => {
    const now = clock();
    if (!(await lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };
    const key = `redeem:${input.idempotencyKey}`;
    const ledger = await repo.loadLedgerForKey(tx, input.memberId, key);
    const outcome = redeemPointsRule(ledger, { key, points: input.points, at: now });
    if (!outcome.result.ok) {
      if (outcome.result.error === 'insufficient_points') return { ok: false, error: 'insufficient_points', pointsBalance: outcome.result.balance };
      return { ok: false, error: 'idempotency_key_conflict' };
    }
    await repo.writeLedgerChange(tx, input.memberId, outcome.added, { storeId: input.storeId });
    // A replay changes nothing: nothing to tell.
    if (!outcome.result.replayed) await onCardChanged?.(tx, { memberId: input.memberId, now });
    return { ok: true, replayed: outcome.result.replayed, pointsBalance: await repo.liveBalance(tx, input.memberId, now) };
  });
}

/** `couponCode` is the code the clerk scanned or typed; the coupon's id is accepted as well. */
export async function redeemCoupon(
  { db, clock }: LoyaltyDeps,
  input: { memberId: string; couponCode: string; storeId: string; idempotencyKey: string },
  outer?: Database,
): Promise<RedeemCouponOutcome> {
  return inTransaction(db, outer, async (tx) => {
    const now = clock();
    if (!(await lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };
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

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
