/**
 * Planning for the daily job (the job itself loads, applies and writes). Rules as implemented:
 *
 * - Points: every lot past its expiry with points left gets one `expire:<lotId>` entry (ledger.ts).
 * - Birthday coupons: a member whose birth month is the current JST month and who has no coupon
 *   with key `birthday:<year>` yet gets one (coupons.ts).
 * - The plan is a function of the stored state and `now` only, so a second run on the same day,
 *   after the first run's plan was written, plans nothing; members with nothing to do are left out.
 */
import { birthdayCouponFor, type CouponToIssue } from './coupons';
import { expireLots, type LedgerChange, type PointLot } from './ledger';
import type { ProgramConfig } from './program-config';

export interface MemberDailySnapshot {
  memberId: string;
  /** The member's lots that may still hold points (remaining > 0) are enough. */
  lots: readonly PointLot[];
  birthday: string | null;
  /** Issue keys of the member's existing coupons. */
  couponIssueKeys: readonly string[];
}

export interface MemberDailyPlan {
  memberId: string;
  /** Expire entries to insert and lots to update. */
  ledger: LedgerChange;
  expiredPoints: number;
  couponsToIssue: CouponToIssue[];
}

export function planDailyJob(
  members: readonly MemberDailySnapshot[],
  now: Date,
  config: Pick<ProgramConfig, 'coupons'>,
): MemberDailyPlan[] {
  return members.map((member) => planForMember(member, now, config)).filter((plan) => plan !== null);
}

function planForMember(member: MemberDailySnapshot, now: Date, config: Pick<ProgramConfig, 'coupons'>): MemberDailyPlan | null {
  // Expiry reads only lots, so no entry history needs loading for the job.
  const expiry = expireLots({ entries: [], lots: [...member.lots] }, now);
  const birthdayCoupon = birthdayCouponFor(member.birthday, now, config);
  const couponsToIssue = birthdayCoupon && !member.couponIssueKeys.includes(birthdayCoupon.issueKey) ? [birthdayCoupon] : [];

  if (expiry.added.entries.length === 0 && couponsToIssue.length === 0) return null;
  return { memberId: member.memberId, ledger: expiry.added, expiredPoints: expiry.result.expiredPoints, couponsToIssue };
}
