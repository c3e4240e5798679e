import { Hono, type Context } from 'hono';
import { safeParse } from 'zod/mini';
import {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeySchema,
  RecordPurchaseRequestSchema,
  RedeemCouponRequestSchema,
  RedeemPointsRequestSchema,
  VoidPurchaseRequestSchema,
  type RecordPurchaseResponse,
  type RedeemCouponResponse,
  type RedeemPointsResponse,
  type VoidPurchaseResponse,
} from '../../contract/staff';
import { HttpError, jsonBody } from '../http/http-error';
import { purchaseNeedsApproval, type PurchaseRefusal } from '../loyalty/register-controls';
import { verifyApproval } from './approval';
import { audited } from './audited';
import type { ResolvedMemberCode } from '../members/member-code';
import { requireCodeAllows, resolveMemberCode } from './member-code';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { requestFingerprint } from './idempotency';
import { claimCheckout, claimIdempotencyKey, releaseCheckout, releaseIdempotencyKey } from './staff.repository';


/** Spending actions carry a key per attempt: the retry of one click is the same attempt, never a second spend. */
function idempotencyKey(c: Context<StaffEnv>): string {
  const raw = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (!raw) throw new HttpError(400, 'idempotency_key_required', `Send an ${IDEMPOTENCY_KEY_HEADER} header with each attempt.`);
  const parsed = safeParse(IdempotencyKeySchema, raw);
  if (!parsed.success) throw new HttpError(400, 'invalid_idempotency_key', parsed.error.issues[0]?.message ?? 'Invalid Idempotency-Key');
  return parsed.data;
}

const loyaltyRefusals: Record<string, { status: 404 | 409; message: string }> = {
  member_not_found: { status: 404, message: 'This membership no longer exists.' },
  receipt_conflict: { status: 409, message: 'This receipt number is already recorded at this store for another member or amount. Check the receipt.' },
  idempotency_key_conflict: { status: 409, message: 'This attempt was already used for a different request. Start the action again.' },
  coupon_not_found: { status: 404, message: 'This member has no coupon with this code.' },
  coupon_used: { status: 409, message: 'This coupon has already been used.' },
  coupon_expired: { status: 409, message: 'This coupon has expired.' },
  coupon_not_yet_valid: { status: 409, message: 'This coupon cannot be used yet.' },
  purchase_not_found: { status: 404, message: 'No purchase with this receipt number at this store.' },
};

const yenText = (yen: number) => `¥${yen.toLocaleString('en-US')}`;

/** The programme's register limits: refused with the figure, so the clerk knows what to do. */
function purchaseLimitRefusal(error: PurchaseRefusal, limit: number): HttpError {
  switch (error) {
    case 'amount_above_limit':
      return new HttpError(422, error, `A single purchase can be at most ${yenText(limit)}. Split the receipt or ask head office.`);
    case 'member_daily_purchases':
      return new HttpError(422, error, `This member already has ${limit} purchases today, the most allowed in one day.`);
    case 'member_daily_points':
      return new HttpError(422, error, `This purchase would take the member past ${limit} points earned today, the most allowed in one day.`);
    case 'approval_required':
      return new HttpError(403, error, `Purchases above ${yenText(limit)} need a manager's approval: the manager enters their staff id and password.`);
  }
}

function refusal(error: string, message?: string): HttpError {
  const known = loyaltyRefusals[error] ?? { status: 409 as const, message: 'The action was refused.' };
  return new HttpError(known.status, error, message ?? known.message);
}

const checkoutRefusals = {
  other_checkout: 'This code was already used for another payment. Ask the shopper to show the current code and scan again.',
  checkout_closed: 'This code was already used for a payment that has ended. Ask the shopper to show the current code and scan again.',
  points_already_redeemed: 'This code was already used to pay with points in this checkout. Ask the shopper to show the current code and scan again.',
} as const;

/**
 * A spend with a rotating code joins that code's checkout: the code's first spend opens it for
 * this staff member at this store for a few minutes, and only the checkout's other spends (one
 * points redemption, coupons) may reuse the code. Two spends at once cannot both open or both
 * take the points. A refused spend gives back what it took.
 */
async function spendingWith<T extends { ok: boolean }>(
  deps: Pick<StaffDeps, 'db' | 'program' | 'clock'>,
  resolved: ResolvedMemberCode,
  key: string,
  action: 'point_redemption' | 'coupon_redemption',
  staff: { staffId: string; storeId: string },
  run: () => Promise<T>,
): Promise<T> {
  if (resolved.kind !== 'rotating') return run();
  const now = deps.clock();
  const code = { memberId: resolved.member.id, timeStep: resolved.timeStep, idempotencyKey: key };
  const checkoutEndsAt = new Date(now.getTime() + deps.program.memberCode.rotating.checkoutSeconds * 1000);
  const claim = await claimCheckout(deps.db, { ...code, action, ...staff, now, checkoutEndsAt });
  if (!claim.ok) throw new HttpError(409, 'code_replayed', checkoutRefusals[claim.reason]);
  const outcome = await run().catch(async (error: unknown) => {
    await releaseCheckout(deps.db, code, claim);
    throw error;
  });
  if (!outcome.ok) await releaseCheckout(deps.db, code, claim);
  return outcome;
}

/**
 * One Idempotency-Key, one request: the key is stored with the request's fingerprint (action,
 * store, canonical body). A retry of that request runs again and is answered as a replay; the key
 * sent with another action or body is refused before anything is read or changed. A refused
 * request gives its key back.
 */
async function onceForKey<T>(deps: Pick<StaffDeps, 'db' | 'clock'>, request: { key: string; action: string; storeId: string; body: unknown }, run: () => Promise<T>): Promise<T> {
  const fingerprint = requestFingerprint(request);
  const claim = await claimIdempotencyKey(deps.db, { key: request.key, action: request.action, fingerprint, now: deps.clock() });
  if (claim === 'reused') {
    throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Send a new key for a new action.');
  }
  try {
    return await run();
  } catch (error) {
    if (claim === 'new') await releaseIdempotencyKey(deps.db, { key: request.key, fingerprint });
    throw error;
  }
}

/** The register actions. Each is audited, refusals included, and each maps the loyalty service's refusals to clear 4xx answers. */
export function staffActionRoutes(deps: Pick<StaffDeps, 'db' | 'program' | 'clock' | 'loyalty'>) {
  return new Hono<StaffEnv>()
    .post('/purchases', jsonBody(RecordPurchaseRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { storeId } = c.get('staff');
      const response = await audited(deps, c, 'purchase', async (note) => {
        const resolved = await resolveMemberCode(deps.db, deps.program, body.memberCode, deps.clock());
        note.memberId(resolved.member.id);
        requireCodeAllows(deps.program, resolved, 'earn');
        // Verified only where the programme asks for it; the service refuses the purchase without it.
        const approver =
          body.approval && purchaseNeedsApproval(body.amountYen, deps.program.registerControls)
            ? await verifyApproval(deps, c.get('staff'), body.approval, 'purchase')
            : null;
        // The receipt id (per store) is the purchase's idempotency key.
        const outcome = await deps.loyalty.recordPurchase({
          memberId: resolved.member.id,
          storeId,
          receiptId: body.receiptId,
          amountYen: body.amountYen,
          approved: approver !== null,
        });
        if (!outcome.ok) throw 'limit' in outcome ? purchaseLimitRefusal(outcome.error, outcome.limit) : refusal(outcome.error);
        const result: RecordPurchaseResponse = {
          replayed: outcome.replayed,
          receiptId: body.receiptId,
          amountYen: body.amountYen,
          pointsEarned: outcome.pointsEarned,
          stampAwarded: outcome.stampAwarded,
          rewardCoupon: outcome.rewardCoupon,
          pointsBalance: outcome.pointsBalance,
        };
        const approvedBy = approver && !outcome.replayed ? { approvedBy: approver.staffId, approver: approver.username } : {};
        return { result, detail: { receiptId: body.receiptId, amountYen: body.amountYen, pointsEarned: outcome.pointsEarned, replayed: outcome.replayed, ...approvedBy } };
      });
      return c.json(response, response.replayed ? 200 : 201);
    })
    .post('/point-redemptions', jsonBody(RedeemPointsRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const key = idempotencyKey(c);
      const { staffId, storeId } = c.get('staff');
      const response = await audited(deps, c, 'point_redemption', (note) => onceForKey(deps, { key, action: 'point_redemption', storeId, body }, async () => {
        const resolved = await resolveMemberCode(deps.db, deps.program, body.memberCode, deps.clock());
        note.memberId(resolved.member.id);
        requireCodeAllows(deps.program, resolved, 'spend');
        const outcome = await spendingWith(deps, resolved, key, 'point_redemption', { staffId, storeId }, () =>
          deps.loyalty.redeemPoints({ memberId: resolved.member.id, storeId, points: body.points, idempotencyKey: key }),
        );
        if (!outcome.ok) {
          if (outcome.error === 'insufficient_points') {
            throw refusal('insufficient_points', `Not enough points: the balance is ${outcome.pointsBalance} pt, ${body.points} pt were asked.`);
          }
          throw refusal(outcome.error);
        }
        const result: RedeemPointsResponse = { replayed: outcome.replayed, points: body.points, pointsBalance: outcome.pointsBalance };
        return { result, detail: { points: body.points, replayed: outcome.replayed } };
      }));
      return c.json(response, response.replayed ? 200 : 201);
    })
    .post('/coupon-redemptions', jsonBody(RedeemCouponRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const key = idempotencyKey(c);
      const { staffId, storeId } = c.get('staff');
      const response = await audited(deps, c, 'coupon_redemption', (note) => onceForKey(deps, { key, action: 'coupon_redemption', storeId, body }, async () => {
        const resolved = await resolveMemberCode(deps.db, deps.program, body.memberCode, deps.clock());
        note.memberId(resolved.member.id);
        requireCodeAllows(deps.program, resolved, 'spend');
        const couponCode = body.couponCode.trim();
        const outcome = await spendingWith(deps, resolved, key, 'coupon_redemption', { staffId, storeId }, () =>
          deps.loyalty.redeemCoupon({ memberId: resolved.member.id, couponCode, storeId, idempotencyKey: key }),
        );
        if (!outcome.ok) throw refusal(outcome.error);
        const result: RedeemCouponResponse = { replayed: outcome.replayed, coupon: outcome.coupon };
        return { result, detail: { couponCode, title: outcome.coupon.title, replayed: outcome.replayed } };
      }));
      return c.json(response, response.replayed ? 200 : 201);
    })
    .post('/purchase-voids', jsonBody(VoidPurchaseRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const { storeId } = c.get('staff');
      const response = await audited(deps, c, 'purchase_void', async (note) => {
        const outcome = await deps.loyalty.voidPurchase({ storeId, receiptId: body.receiptId });
        if (!outcome.ok) throw refusal(outcome.error);
        note.memberId(outcome.memberId);
        const result: VoidPurchaseResponse = {
          replayed: outcome.replayed,
          receiptId: body.receiptId,
          reversedPoints: outcome.reversedPoints,
          unrecoverablePoints: outcome.unrecoverablePoints,
          pointsBalance: outcome.pointsBalance,
        };
        return { result, detail: { receiptId: body.receiptId, reversedPoints: outcome.reversedPoints, replayed: outcome.replayed } };
      });
      return c.json(response, response.replayed ? 200 : 201);
    });
}

