import type { MemberLookupRequest, RecordPurchaseRequest, RedeemCouponRequest, RedeemPointsRequest, VoidPurchaseRequest } from '../../contract/staff';
import type {
  MemberLoyaltySummary,
  PurchaseOutcome,
  RedeemCouponOutcome,
  RedeemPointsOutcome,
  VoidPurchaseOutcome,
} from '../loyalty/loyalty.service';
import { purchaseNeedsApproval, type PurchaseRefusal } from '../loyalty/register-controls';
import type { CodeUse, ResolvedMemberCode } from '../members/member-code';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { enqueuePush } from '../line/outbox.repository';
import { pushMessages } from '../line/push-messages';
import { findMemberById } from '../members/members.repository';
import { verifyApproval, type ApprovalRefusal, type Approver } from './approval';
import { requestFingerprint } from './idempotency';
import { codeUseRefusal, resolveMemberCode, type CodeUseRefusal, type MemberCodeRefusal } from './member-code';
import type { StaffDeps } from './staff-deps';
import type { StaffPrincipal } from './staff-env';
import { checkoutExpiry, checkoutRefusal } from './checkout-rules';
import {
  claimCodeForCheckout,
  claimIdempotencyKey,
  endCheckout as endCheckoutRow,
  findCheckout,
  recordAudit,
  releaseIdempotencyKey,
  type CheckoutRow,
  type CodeClaim,
} from './staff.repository';

/**
 * The register's use cases: member lookup, purchase, point and coupon redemption, void. Each is
 * audited (refusals included) and answers with an outcome; the routes turn refusals into HTTP.
 */

export type RegisterDeps = Pick<StaffDeps, 'db' | 'program' | 'clock' | 'loyalty'>;

/** The signed-in staff member acting at the register. */
export type Clerk = Pick<StaffPrincipal, 'staffId' | 'sessionId' | 'username' | 'storeId'>;

/** The loyalty service's refusals; its `member_not_found` is `member_gone` here: the code found the member, who is gone since. */
export type LoyaltyRefusal = {
  reason: 'member_gone' | 'receipt_conflict' | 'idempotency_key_conflict' | 'coupon_not_found' | 'coupon_used' | 'coupon_expired' | 'coupon_not_yet_valid' | 'purchase_not_found';
};
/** The programme's register limits, with the figure the clerk is told. */
export type PurchaseLimitRefusal = { reason: PurchaseRefusal; limit: number };
export type CheckoutRefusal = Extract<CodeClaim, { ok: false }>['reason'];

export type RegisterRefusal =
  | MemberCodeRefusal
  | CodeUseRefusal
  | ApprovalRefusal
  | PurchaseLimitRefusal
  | LoyaltyRefusal
  | { reason: 'insufficient_points'; pointsBalance: number; points: number }
  | { reason: 'code_replayed'; checkout: CheckoutRefusal }
  | { reason: 'checkout_not_authorised' | 'checkout_ended' }
  | { reason: 'idempotency_key_reused' };

export type RegisterOutcome<T> = { ok: true; result: T } | { ok: false; refusal: RegisterRefusal };

/** The error code the console gets for a refusal, and the audit records: the reason, but a member gone answers as not found. */
export function refusalCode(refusal: RegisterRefusal): string {
  return refusal.reason === 'member_gone' ? 'member_not_found' : refusal.reason;
}

/** The member on screen: found by a scanned code or by the checkout it opened, with the checkout if one is open. */
export type MemberLookup = {
  resolved: Pick<ResolvedMemberCode, 'member' | 'kind' | 'code'>;
  checkout: CheckoutRow | null;
  summary: MemberLoyaltySummary;
};
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
 * A rotating code scanned at the register is used up at once: it opens its checkout for this staff
 * session (or gives this session back the checkout it already opened with that code).
 */
async function checkoutFor(
  deps: Pick<RegisterDeps, 'db' | 'program' | 'clock'>,
  clerk: Clerk,
  resolved: Extract<ResolvedMemberCode, { kind: 'rotating' }>,
): Promise<{ ok: true; checkout: CheckoutRow; opened: boolean } | { ok: false; refusal: RegisterRefusal }> {
  const now = deps.clock();
  const claim = await claimCodeForCheckout(deps.db, {
    memberId: resolved.member.id,
    timeStep: resolved.timeStep,
    staffId: clerk.staffId,
    sessionId: clerk.sessionId,
    storeId: clerk.storeId,
    now,
    expiresAt: checkoutExpiry(now, deps.program.memberCode.rotating.checkoutSeconds),
  });
  return claim.ok ? claim : refused({ reason: 'code_replayed', checkout: claim.reason });
}

/** This session's checkout by its id, if it still authorises spends. */
async function authorisedCheckout(deps: Pick<RegisterDeps, 'db' | 'clock'>, clerk: Clerk, id: string): Promise<{ ok: true; checkout: CheckoutRow } | { ok: false; refusal: RegisterRefusal }> {
  const checkout = await findCheckout(deps.db, id);
  const reason = checkoutRefusal(checkout, clerk, deps.clock());
  return reason || !checkout ? refused({ reason: reason ?? 'checkout_not_authorised' }) : { ok: true, checkout };
}

/**
 * The member behind a scanned or typed code, with their points, tier, stamps and coupons. A rotating
 * code opens its checkout here; a lookup by checkout refreshes the member after the code was used.
 */
export function lookUpMember(deps: RegisterDeps, clerk: Clerk, request: MemberLookupRequest): Promise<RegisterOutcome<MemberLookup>> {
  return audited<MemberLookup>(deps, clerk, 'member_lookup', async (note) => {
    if ('checkout' in request) {
      const authorised = await authorisedCheckout(deps, clerk, request.checkout);
      if (!authorised.ok) return authorised;
      const member = await findMemberById(deps.db, authorised.checkout.memberId);
      if (!member) return refused({ reason: 'member_gone' });
      note.memberId(member.id);
      const summary = await deps.loyalty.memberSummary(member.id);
      const resolved = { member, kind: 'rotating', code: member.memberNumber } as const;
      return { ok: true, result: { resolved, checkout: authorised.checkout, summary }, detail: { codeKind: 'checkout', checkoutId: authorised.checkout.id } };
    }
    const resolved = await resolveMemberCode(deps.db, deps.program, request.code, deps.clock());
    if (!resolved.ok) return resolved;
    note.memberId(resolved.member.id);
    let checkout: CheckoutRow | null = null;
    let opened = false;
    if (resolved.kind === 'rotating') {
      const claim = await checkoutFor(deps, clerk, resolved);
      if (!claim.ok) return claim;
      ({ checkout, opened } = claim);
    }
    const summary = await deps.loyalty.memberSummary(resolved.member.id);
    const detail = { codeKind: resolved.kind, ...(checkout ? { checkoutId: checkout.id, checkout: opened ? 'opened' : 'rejoined' } : {}) };
    return { ok: true, result: { resolved, checkout, summary }, detail };
  });
}

/** 「次のお客様」: the checkout stops authorising spends at once. Ending it twice is fine; another session's is refused. */
export function endCheckout(deps: RegisterDeps, clerk: Clerk, id: string): Promise<RegisterOutcome<{ ended: true }>> {
  return audited(deps, clerk, 'checkout_end', async (note) => {
    const checkout = await findCheckout(deps.db, id);
    const ours = checkout && (await endCheckoutRow(deps.db, { id, staffId: clerk.staffId, sessionId: clerk.sessionId, now: deps.clock() }));
    if (!checkout || !ours) return refused({ reason: 'checkout_not_authorised' });
    note.memberId(checkout.memberId);
    return { ok: true, result: { ended: true }, detail: { checkoutId: id } };
  });
}

/** The member an action names, and the checkout it is paid in (a spend with a rotating code opens or rejoins one). */
type ActingFor = { ok: true; memberId: string; checkoutId: string | null };

/**
 * The member an action is for, noted for the audit as soon as known: by this session's checkout,
 * or by a scanned code if the programme lets this kind of code earn or spend; else the refusal.
 */
async function memberAllowedTo(
  use: CodeUse,
  deps: Pick<RegisterDeps, 'db' | 'program' | 'clock'>,
  clerk: Clerk,
  reference: { memberCode?: string; checkout?: string },
  note: { memberId: (id: string) => void },
): Promise<ActingFor | { ok: false; refusal: RegisterRefusal }> {
  if (reference.checkout !== undefined) {
    const authorised = await authorisedCheckout(deps, clerk, reference.checkout);
    if (!authorised.ok) return authorised;
    note.memberId(authorised.checkout.memberId);
    return { ok: true, memberId: authorised.checkout.memberId, checkoutId: authorised.checkout.id };
  }
  const resolved = await resolveMemberCode(deps.db, deps.program, reference.memberCode ?? '', deps.clock());
  if (!resolved.ok) return resolved;
  note.memberId(resolved.member.id);
  const codeRefusal = codeUseRefusal(deps.program, resolved, use);
  if (codeRefusal) return refused(codeRefusal);
  if (use === 'spend' && resolved.kind === 'rotating') {
    const claim = await checkoutFor(deps, clerk, resolved);
    if (!claim.ok) return claim;
    return { ok: true, memberId: resolved.member.id, checkoutId: claim.checkout.id };
  }
  return { ok: true, memberId: resolved.member.id, checkoutId: null };
}

/**
 * The e-receipt LINE message, through the outbox, once per receipt (its cause key): queued on a
 * replay too, so a retry of a purchase recorded before the receipt existed still sends it.
 */
async function queuePurchaseReceipt(
  deps: Pick<RegisterDeps, 'db' | 'clock'>,
  purchase: { memberId: string; storeId: string; receiptId: string; amountYen: number },
  outcome: PurchaseRecorded,
): Promise<void> {
  const member = await findMemberById(deps.db, purchase.memberId);
  if (!member?.lineUserId || !member.purchaseReceipts) return;
  const now = deps.clock();
  const messages = pushMessages.purchaseReceipt({
    at: now,
    amountYen: purchase.amountYen,
    pointsEarned: outcome.pointsEarned,
    pointsBalance: outcome.pointsBalance,
    stampAwarded: outcome.stampAwarded,
    rewardCouponTitle: outcome.rewardCoupon?.title.ja ?? null, // LINE messages are in Japanese, like the other pushes
  });
  await enqueuePush(deps.db, { causeKey: `purchase-receipt:${purchase.storeId}:${purchase.receiptId}`, lineUserId: member.lineUserId, messages, now });
}

/**
 * A purchase earns points and sends its e-receipt; the receipt id (per store) is its idempotency key.
 * The earning, the receipt message and the audit entry are one transaction: one commit (not three)
 * per purchase, and never a purchase whose receipt message or audit line a crash lost.
 */
export async function recordPurchase(deps: RegisterDeps, clerk: Clerk, request: RecordPurchaseRequest): Promise<RegisterOutcome<PurchaseRecorded>> {
  const inOneTransaction = () => deps.db.transaction((tx) => recordPurchaseIn({ ...deps, db: tx as unknown as Database }, clerk, request));
  try {
    return await inOneTransaction();
  } catch (error) {
    // Two registers sending one receipt at the same moment: the loser of the unique index sees the winner's purchase.
    if (isUniqueViolation(error)) return inOneTransaction();
    throw error;
  }
}

/** The purchase on `deps.db`, the caller's transaction. */
function recordPurchaseIn(deps: RegisterDeps, clerk: Clerk, request: RecordPurchaseRequest): Promise<RegisterOutcome<PurchaseRecorded>> {
  return audited(deps, clerk, 'purchase', async (note) => {
    const actingFor = await memberAllowedTo('earn', deps, clerk, request, note);
    if (!actingFor.ok) return actingFor;
    // Verified only where the programme asks for it; the loyalty service refuses the purchase without it.
    let approver: Approver | null = null;
    if (request.approval && purchaseNeedsApproval(request.amountYen, deps.program.registerControls)) {
      const approval = await verifyApproval(deps, clerk, request.approval, 'purchase');
      if (!approval.ok) return approval;
      approver = approval.approver;
    }
    const outcome = await deps.loyalty.recordPurchase({
      memberId: actingFor.memberId,
      storeId: clerk.storeId,
      receiptId: request.receiptId,
      amountYen: request.amountYen,
      approved: approver !== null,
    }, deps.db);
    if (!outcome.ok) return refused('limit' in outcome ? { reason: outcome.error, limit: outcome.limit } : loyaltyRefusal(outcome.error));
    await queuePurchaseReceipt(deps, { memberId: actingFor.memberId, storeId: clerk.storeId, receiptId: request.receiptId, amountYen: request.amountYen }, outcome);
    const approvedBy = approver && !outcome.replayed ? { approvedBy: approver.staffId, approver: approver.username } : {};
    const detail = { receiptId: request.receiptId, amountYen: request.amountYen, pointsEarned: outcome.pointsEarned, replayed: outcome.replayed, ...approvedBy };
    return { ok: true, result: outcome, detail };
  });
}

const checkoutDetail = (checkoutId: string | null) => (checkoutId ? { checkoutId } : {});

/** Pays with points, once per Idempotency-Key; with a rotating code, within the checkout its scan opened. */
export function redeemPoints(deps: RegisterDeps, clerk: Clerk, request: RedeemPointsRequest, key: string): Promise<RegisterOutcome<PointsRedeemed>> {
  return audited(deps, clerk, 'point_redemption', (note) =>
    onceForKey(deps, { key, action: 'point_redemption', storeId: clerk.storeId, body: request }, async () => {
      const actingFor = await memberAllowedTo('spend', deps, clerk, request, note);
      if (!actingFor.ok) return actingFor;
      const outcome = await deps.loyalty.redeemPoints({ memberId: actingFor.memberId, storeId: clerk.storeId, points: request.points, idempotencyKey: key });
      if (!outcome.ok) {
        return refused(
          outcome.error === 'insufficient_points'
            ? { reason: 'insufficient_points', pointsBalance: outcome.pointsBalance, points: request.points }
            : loyaltyRefusal(outcome.error),
        );
      }
      return { ok: true, result: outcome, detail: { points: request.points, replayed: outcome.replayed, ...checkoutDetail(actingFor.checkoutId) } };
    }),
  );
}

/** Uses one of the member's coupons, once per Idempotency-Key; with a rotating code, within the checkout its scan opened. */
export function redeemCoupon(deps: RegisterDeps, clerk: Clerk, request: RedeemCouponRequest, key: string): Promise<RegisterOutcome<CouponRedeemed>> {
  return audited(deps, clerk, 'coupon_redemption', (note) =>
    onceForKey(deps, { key, action: 'coupon_redemption', storeId: clerk.storeId, body: request }, async () => {
      const actingFor = await memberAllowedTo('spend', deps, clerk, request, note);
      if (!actingFor.ok) return actingFor;
      const couponCode = request.couponCode.trim();
      const outcome = await deps.loyalty.redeemCoupon({ memberId: actingFor.memberId, couponCode, storeId: clerk.storeId, idempotencyKey: key });
      if (!outcome.ok) return refused(loyaltyRefusal(outcome.error));
      return { ok: true, result: outcome, detail: { couponCode, title: outcome.coupon.title, replayed: outcome.replayed, ...checkoutDetail(actingFor.checkoutId) } };
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
