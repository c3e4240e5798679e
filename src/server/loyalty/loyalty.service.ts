import { coupons, issueBirthdayCouponIfDue } from './coupons.use-case';
import { runDailyJob } from './daily-job.use-case';
import { anonymiseLedgerKeys, grantPoints } from './grants.use-case';
import type { LoyaltyDeps } from './loyalty-deps';
import { memberCard, memberSummary, pointsOverview, purchaseByReceipt, stampCard } from './member-views.use-case';
import { recordPurchase, voidPurchase } from './purchases.use-case';
import { redeemCoupon, redeemPoints } from './spending.use-case';

/**
 * The loyalty service: the use cases bound to one database, programme and clock. Each writing use case
 * (in `*.use-case.ts`) loads one member's state under a row lock, applies the pure rules and writes
 * what changed in the same transaction; `outer` runs it inside the caller's transaction. Nothing
 * here knows HTTP. `replayed` answers depend only on what was stored, not on the moment of the replay.
 *
 *   purchases.use-case.ts     recordPurchase, voidPurchase
 *   spending.use-case.ts      redeemPoints, redeemCoupon
 *   grants.use-case.ts        grantPoints, anonymiseLedgerKeys
 *   coupons.use-case.ts       coupons, issueBirthdayCouponIfDue
 *   daily-job.use-case.ts     runDailyJob
 *   member-views.use-case.ts  memberCard, memberSummary, pointsOverview, stampCard, purchaseByReceipt
 */

export type { LoyaltyDeps } from './loyalty-deps';
export type { MemberLoyaltySummary } from './member-views.use-case';
export type { PurchaseOutcome, RecordPurchaseInput, VoidPurchaseOutcome } from './purchases.use-case';
export type { RedeemCouponOutcome, RedeemPointsOutcome } from './spending.use-case';
export type { GrantPointsOutcome } from './grants.use-case';

export type LoyaltyService = ReturnType<typeof createLoyaltyService>;

export function createLoyaltyService(deps: LoyaltyDeps) {
  /** The use case with `deps` filled in; its other parameters (names, optional `outer`) stay as declared. */
  const bound =
    <Args extends unknown[], Result>(useCase: (deps: LoyaltyDeps, ...args: Args) => Result) =>
    (...args: Args): Result =>
      useCase(deps, ...args);
  return {
    memberCard: bound(memberCard),
    memberSummary: bound(memberSummary),
    recordPurchase: bound(recordPurchase),
    redeemPoints: bound(redeemPoints),
    redeemCoupon: bound(redeemCoupon),
    voidPurchase: bound(voidPurchase),
    purchaseByReceipt: bound(purchaseByReceipt),
    grantPoints: bound(grantPoints),
    anonymiseLedgerKeys: bound(anonymiseLedgerKeys),
    issueBirthdayCouponIfDue: bound(issueBirthdayCouponIfDue),
    runDailyJob: bound(runDailyJob),
    pointsOverview: bound(pointsOverview),
    stampCard: bound(stampCard),
    coupons: bound(coupons),
  };
}
