import type { RecordPurchaseRequest, RedeemCouponRequest, RedeemPointsRequest, VoidPurchaseRequest } from '../../contract/staff';
import type {
  MemberLoyaltySummary,
  PurchaseOutcome,
  RedeemCouponOutcome,
  RedeemPointsOutcome,
  VoidPurchaseOutcome,
} from '../loyalty/loyalty.service';
import { purchaseNeedsApproval, type PurchaseRefusal } from '../loyalty/register-controls';
import type { CodeUse, ResolvedMemberCode } from '../members/member-code';
import { verifyApproval, type ApprovalRefusal, type Approver } from './approval';
import { requestFingerprint } from './idempotency';
import { codeUseRefusal, resolveMemberCode, type CodeUseRefusal, type MemberCodeRefusal } from './member-code';
import type { StaffDeps } from './staff-deps';
import type { StaffPrincipal } from './staff-env';
import { claimCheckout, claimIdempotencyKey, recordAudit, releaseCheckout, releaseIdempotencyKey, type CheckoutClaim } from './staff.repository';

/**
 * The register's use cases: member lookup, purchase, point and coupon redemption, void. Each is
 * audited (refusals included) and answers with an outcome; the routes turn refusals into HTTP.
 */

export type RegisterDeps = Pick<StaffDeps, 'db' | 'program' | 'clock' | 'loyalty'>;

/** The signed-in staff member acting at the register. */
export type Clerk = Pick<StaffPrincipal, 'staffId' | 'username' | 'storeId'>;

/** The loyalty service's refusals; its `member_not_found` is `member_gone` here: the code found the member, who is gone since. */
export type LoyaltyRefusal = {
  reason: 'member_gone' | 'receipt_conflict' | 'idempotency_key_conflict' | 'coupon_not_found' | 'coupon_used' | 'coupon_expired' | 'coupon_not_yet_valid' | 'purchase_not_found';
};
/** The programme's register limits, with the figure the clerk is told. */
export type PurchaseLimitRefusal = { reason: PurchaseRefusal; limit: number };
export type CheckoutRefusal = Extract<CheckoutClaim, { ok: false }>['reason'];

export type RegisterRefusal =
  | MemberCodeRefusal
  | CodeUseRefusal
  | ApprovalRefusal
  | PurchaseLimitRefusal
  | LoyaltyRefusal
  | { reason: 'insufficient_points'; pointsBalance: number; points: number }
  | { reason: 'code_replayed'; checkout: CheckoutRefusal }
  | { reason: 'idempotency_key_reused' };

export type RegisterOutcome<T> = { ok: true; result: T } | { ok: false; refusal: RegisterRefusal };

/** The error code the console gets for a refusal, and the audit records: the reason, but a member gone answers as not found. */
export function refusalCode(refusal: RegisterRefusal): string {
  return refusal.reason === 'member_gone' ? 'member_not_found' : refusal.reason;
}

export type MemberLookup = { resolved: ResolvedMemberCode; summary: MemberLoyaltySummary };
export type PurchaseRecorded = Extract<PurchaseOutcome, { ok: true }>;
export type PointsRedeemed = Extract<RedeemPointsOutcome, { ok: true }>;
export type CouponRedeemed = Extract<RedeemCouponOutcome, { ok: true }>;
export type PurchaseVoided = Extract<VoidPurchaseOutcome, { ok: true }>;

/** A use case's outcome with what its audit entry records on success. */
type Done<T> = { ok: true; result: T; detail: Record<string, unknown> } | { ok: false; refusal: RegisterRefusal };

const refused = (refusal: RegisterRefusal) => ({ ok: false, refusal }) as const;

type LoyaltyError = Exclude<LoyaltyRefusal['reason'], 'member_gone'> | 'member_not_found';
const loyaltyRefusal = (error: LoyaltyError): LoyaltyRefusal => ({ reason: error === 'member_not_found' ? 'member_gone' : error });

/**
 * Runs a register action and writes its audit entry from the outcome: who, store, member (noted
 * once known), what, result; a refusal with its code. An action that throws is not audited.
 */
async function audited<T>(
  deps: Pick<RegisterDeps, 'db' | 'clock'>,
  clerk: Clerk,
  action: string,
  run: (note: { memberId: (id: string) => void }) => Promise<Done<T>>,
): Promise<RegisterOutcome<T>> {
  let memberId: string | null = null;
  const done = await run({ memberId: (id) => (memberId = id) });
  const entry = { staffId: clerk.staffId, username: clerk.username, storeId: clerk.storeId, action, at: deps.clock(), memberId };
  if (!done.ok) {
    await recordAudit(deps.db, { ...entry, result: 'refused', detail: { code: refusalCode(done.refusal) } });
    return done;
  }
  await recordAudit(deps.db, { ...entry, result: 'ok', detail: done.detail });
  return { ok: true, result: done.result };
}

/**
 * One Idempotency-Key, one request: the key is stored with the request's fingerprint (action,
 * store, canonical body). A retry of that request runs again and is answered as a replay; the key
 * sent with another action or body is refused before anything is read or changed. A refused
 * request gives its key back.
 */
async function onceForKey<T>(
  deps: Pick<RegisterDeps, 'db' | 'clock'>,
  request: { key: string; action: string; storeId: string; body: unknown },
  run: () => Promise<Done<T>>,
): Promise<Done<T>> {
  const fingerprint = requestFingerprint(request);
  const claim = await claimIdempotencyKey(deps.db, { key: request.key, action: request.action, fingerprint, now: deps.clock() });
  if (claim === 'reused') return refused({ reason: 'idempotency_key_reused' });
  const giveBack = async () => {
    if (claim === 'new') await releaseIdempotencyKey(deps.db, { key: request.key, fingerprint });
  };
  const outcome = await run().catch(async (error: unknown) => {
    await giveBack();
    throw error;
  });
  if (!outcome.ok) await giveBack();
  return outcome;
}

/**
 * A spend with a rotating code joins that code's checkout: the code's first spend opens it for
 * this staff member at this store for a few minutes, and only the checkout's other spends (one
 * points redemption, coupons) may reuse the code. Two spends at once cannot both open or both
 * take the points. A refused spend gives back what it took.
 */
async function spendingWith<T>(
  deps: Pick<RegisterDeps, 'db' | 'program' | 'clock'>,
  resolved: ResolvedMemberCode,
  key: string,
  action: 'point_redemption' | 'coupon_redemption',
  clerk: Clerk,
  run: () => Promise<Done<T>>,
): Promise<Done<T>> {
  if (resolved.kind !== 'rotating') return run();
  const now = deps.clock();
  const code = { memberId: resolved.member.id, timeStep: resolved.timeStep, idempotencyKey: key };
  const checkoutEndsAt = new Date(now.getTime() + deps.program.memberCode.rotating.checkoutSeconds * 1000);
  const claim = await claimCheckout(deps.db, { ...code, action, staffId: clerk.staffId, storeId: clerk.storeId, now, checkoutEndsAt });
  if (!claim.ok) return refused({ reason: 'code_replayed', checkout: claim.reason });
  const outcome = await run().catch(async (error: unknown) => {
    await releaseCheckout(deps.db, code, claim);
    throw error;
  });
  if (!outcome.ok) await releaseCheckout(deps.db, code, claim);
  return outcome;
}

/** The member behind a scanned or typed code, with their points, tier, stamps and coupons. */
export function lookUpMember(deps: RegisterDeps, clerk: Clerk, code: string): Promise<RegisterOutcome<MemberLookup>> {
  return audited(deps, clerk, 'member_lookup', async (note) => {
    const resolved = await resolveMemberCode(deps.db, deps.program, code, deps.clock());
    if (!resolved.ok) return resolved;
    note.memberId(resolved.member.id);
    const summary = await deps.loyalty.memberSummary(resolved.member.id);
    return { ok: true, result: { resolved, summary }, detail: { codeKind: resolved.kind } };
  });
}

/**
 * The scanned code's member, noted for the audit as soon as known, if the programme lets this kind
 * of code earn or spend; else the refusal.
 */
async function memberAllowedTo(
  use: CodeUse,
  deps: Pick<RegisterDeps, 'db' | 'program' | 'clock'>,
  memberCode: string,
  note: { memberId: (id: string) => void },
): Promise<({ ok: true } & ResolvedMemberCode) | { ok: false; refusal: RegisterRefusal }> {
  const resolved = await resolveMemberCode(deps.db, deps.program, memberCode, deps.clock());
  if (!resolved.ok) return resolved;
  note.memberId(resolved.member.id);
  const codeRefusal = codeUseRefusal(deps.program, resolved, use);
  return codeRefusal ? refused(codeRefusal) : resolved;
}

/** A purchase earns points; the receipt id (per store) is its idempotency key. */
export function recordPurchase(deps: RegisterDeps, clerk: Clerk, request: RecordPurchaseRequest): Promise<RegisterOutcome<PurchaseRecorded>> {
  return audited(deps, clerk, 'purchase', async (note) => {
    const resolved = await memberAllowedTo('earn', deps, request.memberCode, note);
    if (!resolved.ok) return resolved;
    // Verified only where the programme asks for it; the loyalty service refuses the purchase without it.
    let approver: Approver | null = null;
    if (request.approval && purchaseNeedsApproval(request.amountYen, deps.program.registerControls)) {
      const approval = await verifyApproval(deps, clerk, request.approval, 'purchase');
      if (!approval.ok) return approval;
      approver = approval.approver;
    }
    const outcome = await deps.loyalty.recordPurchase({
      memberId: resolved.member.id,
      storeId: clerk.storeId,
      receiptId: request.receiptId,
      amountYen: request.amountYen,
      approved: approver !== null,
    });
    if (!outcome.ok) return refused('limit' in outcome ? { reason: outcome.error, limit: outcome.limit } : loyaltyRefusal(outcome.error));
    const approvedBy = approver && !outcome.replayed ? { approvedBy: approver.staffId, approver: approver.username } : {};
    const detail = { receiptId: request.receiptId, amountYen: request.amountYen, pointsEarned: outcome.pointsEarned, replayed: outcome.replayed, ...approvedBy };
    return { ok: true, result: outcome, detail };
  });
}

/** Pays with points, once per Idempotency-Key; with a rotating code, as that code's checkout's one points redemption. */
export function redeemPoints(deps: RegisterDeps, clerk: Clerk, request: RedeemPointsRequest, key: string): Promise<RegisterOutcome<PointsRedeemed>> {
  return audited(deps, clerk, 'point_redemption', (note) =>
    onceForKey(deps, { key, action: 'point_redemption', storeId: clerk.storeId, body: request }, async () => {
      const resolved = await memberAllowedTo('spend', deps, request.memberCode, note);
      if (!resolved.ok) return resolved;
      return spendingWith(deps, resolved, key, 'point_redemption', clerk, async () => {
        const outcome = await deps.loyalty.redeemPoints({ memberId: resolved.member.id, storeId: clerk.storeId, points: request.points, idempotencyKey: key });
        if (!outcome.ok) {
          return refused(
            outcome.error === 'insufficient_points'
              ? { reason: 'insufficient_points', pointsBalance: outcome.pointsBalance, points: request.points }
              : loyaltyRefusal(outcome.error),
          );
        }
        return { ok: true, result: outcome, detail: { points: request.points, replayed: outcome.replayed } };
      });
    }),
  );
}

/** Uses one of the member's coupons, once per Idempotency-Key; with a rotating code, within that code's checkout. */
export function redeemCoupon(deps: RegisterDeps, clerk: Clerk, request: RedeemCouponRequest, key: string): Promise<RegisterOutcome<CouponRedeemed>> {
  return audited(deps, clerk, 'coupon_redemption', (note) =>
    onceForKey(deps, { key, action: 'coupon_redemption', storeId: clerk.storeId, body: request }, async () => {
      const resolved = await memberAllowedTo('spend', deps, request.memberCode, note);
      if (!resolved.ok) return resolved;
      const couponCode = request.couponCode.trim();
      return spendingWith(deps, resolved, key, 'coupon_redemption', clerk, async () => {
        const outcome = await deps.loyalty.redeemCoupon({ memberId: resolved.member.id, couponCode, storeId: clerk.storeId, idempotencyKey: key });
        if (!outcome.ok) return refused(loyaltyRefusal(outcome.error));
        return { ok: true, result: outcome, detail: { couponCode, title: outcome.coupon.title, replayed: outcome.replayed } };
      });
    }),
  );
}

/** Takes back a purchase of this store by its receipt id, and the points it earned as far as they are left. */
export function voidPurchase(deps: RegisterDeps, clerk: Clerk, request: VoidPurchaseRequest): Promise<RegisterOutcome<PurchaseVoided>> {
  return audited(deps, clerk, 'purchase_void', async (note) => {
    const outcome = await deps.loyalty.voidPurchase({ storeId: clerk.storeId, receiptId: request.receiptId });
    if (!outcome.ok) return refused(loyaltyRefusal(outcome.error));
    note.memberId(outcome.memberId);
    return { ok: true, result: outcome, detail: { receiptId: request.receiptId, reversedPoints: outcome.reversedPoints, replayed: outcome.replayed } };
  });
}
