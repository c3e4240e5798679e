/**
 * Coupons. Rules as implemented:
 *
 * - Kinds: birthday, stamp_reward, welcome, tier_reward. Each is issued once per member and
 *   `issueKey` (birthday:2026, stamp-card:3, …) is what makes issuing idempotent.
 * - Validity is the closed window [validFrom, validUntil] (validUntil is an inclusive last instant).
 * - Status: `used` once redeemed (whatever the date), else `not_yet_valid` before validFrom,
 *   `expired` after validUntil, otherwise `usable`.
 * - Single use: redeeming a used, expired or not-yet-valid coupon is refused with that reason.
 *   Redeeming again with the same redeem key returns the first redemption (a retried request).
 * - Birthday coupon: issued in the JST birth month, valid from the 1st 00:00 JST to the last day
 *   23:59:59.999 JST of that month; key `birthday:<year>`. A 29 February birthday is a February
 *   birthday, so the coupon comes every February, leap year or not (then valid to 28 Feb).
 *   None without a birthday, outside the birth month, or when disabled in the config.
 */
import { endOfJstMonth, jstDate, parseJstDate, startOfJstMonth } from './jst';
import type { ProgramConfig } from './program-config';

export const couponKinds = ['birthday', 'stamp_reward', 'welcome', 'tier_reward'] as const;
export type CouponKind = (typeof couponKinds)[number];
export type CouponStatus = 'usable' | 'used' | 'expired' | 'not_yet_valid';
export type Discount = ProgramConfig['coupons']['birthday']['discount'];

/** A coupon the caller should issue (insert unless `issueKey` already exists for the member). */
export interface CouponToIssue {
  kind: CouponKind;
  issueKey: string;
  /** The programme's title at issue, in Japanese and English: a later change of the config does not rename an issued coupon. */
  title: string;
  titleEn: string;
  discount: Discount;
  validFrom: Date;
  validUntil: Date;
}

export interface CouponUse {
  validFrom: Date;
  validUntil: Date;
  usedAt: Date | null;
  usedStoreId: string | null;
  /** Idempotency key of the redemption. */
  redeemKey: string | null;
}

export interface RedeemCouponRequest {
  redeemKey: string;
  now: Date;
  storeId: string | null;
}

export type RedeemCouponResult<C extends CouponUse> =
  | { ok: true; coupon: C; replayed: boolean }
  | { ok: false; error: 'coupon_used' | 'coupon_expired' | 'coupon_not_yet_valid'; coupon: C };

export function couponStatus(coupon: Pick<CouponUse, 'validFrom' | 'validUntil' | 'usedAt'>, now: Date): CouponStatus {
  if (coupon.usedAt !== null) return 'used';
  if (now.getTime() < coupon.validFrom.getTime()) return 'not_yet_valid';
  if (now.getTime() > coupon.validUntil.getTime()) return 'expired';
  return 'usable';
}

/** Marks a usable coupon used; returns the updated coupon for the caller to save. */
export function redeemCoupon<C extends CouponUse>(coupon: C, request: RedeemCouponRequest): RedeemCouponResult<C> {
  if (coupon.usedAt !== null && coupon.redeemKey === request.redeemKey) return { ok: true, coupon, replayed: true };

  const status = couponStatus(coupon, request.now);
  if (status === 'used') return { ok: false, error: 'coupon_used', coupon };
  if (status === 'expired') return { ok: false, error: 'coupon_expired', coupon };
  if (status === 'not_yet_valid') return { ok: false, error: 'coupon_not_yet_valid', coupon };

  const used: C = { ...coupon, usedAt: request.now, usedStoreId: request.storeId, redeemKey: request.redeemKey };
  return { ok: true, coupon: used, replayed: false };
}

export function birthdayIssueKey(year: number): string {
  return `birthday:${year}`;
}

/**
 * The birthday coupon due at `now`, or null. `birthday` is 'YYYY-MM-DD' (validated by the
 * profile schema); anything else is a programming error and throws.
 */
export function birthdayCouponFor(
  birthday: string | null,
  now: Date,
  config: Pick<ProgramConfig, 'coupons'>,
): CouponToIssue | null {
  const { enabled, title, discount } = config.coupons.birthday;
  if (!enabled || birthday === null) return null;

  const born = parseJstDate(birthday);
  if (!born) throw new RangeError(`birthday must be a real date YYYY-MM-DD, got ${birthday}`);
  const today = jstDate(now);
  if (today.month !== born.month) return null;

  return {
    kind: 'birthday',
    issueKey: birthdayIssueKey(today.year),
    title: title.ja,
    titleEn: title.en,
    discount,
    validFrom: startOfJstMonth(today.year, today.month),
    validUntil: endOfJstMonth(today.year, today.month),
  };
}
