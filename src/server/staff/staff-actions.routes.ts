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
import { refusalError } from './register-refusals';
import { recordPurchase, redeemCoupon, redeemPoints, voidPurchase, type RegisterDeps } from './register.service';
import type { StaffEnv } from './staff-env';

/** Spending actions carry a key per attempt: the retry of one click is the same attempt, never a second spend. */
function idempotencyKey(c: Context<StaffEnv>): string {
  const raw = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (!raw) throw new HttpError(400, 'idempotency_key_required', `Send an ${IDEMPOTENCY_KEY_HEADER} header with each attempt.`);
  const parsed = safeParse(IdempotencyKeySchema, raw);
  if (!parsed.success) throw new HttpError(400, 'invalid_idempotency_key', parsed.error.issues[0]?.message ?? 'Invalid Idempotency-Key');
  return parsed.data;
}

/** The register actions: a new record is 201, a replay of one already recorded 200; refusals are clear 4xx answers. */
export function staffActionRoutes(deps: RegisterDeps) {
  return new Hono<StaffEnv>()
    .post('/purchases', jsonBody(RecordPurchaseRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const outcome = await recordPurchase(deps, c.get('staff'), body);
      if (!outcome.ok) throw refusalError(outcome.refusal);
      const { result } = outcome;
      const response: RecordPurchaseResponse = {
        replayed: result.replayed,
        receiptId: body.receiptId,
        amountYen: body.amountYen,
        pointsEarned: result.pointsEarned,
        stampAwarded: result.stampAwarded,
        rewardCoupon: result.rewardCoupon,
        pointsBalance: result.pointsBalance,
      };
      return c.json(response, response.replayed ? 200 : 201);
    })
    .post('/point-redemptions', jsonBody(RedeemPointsRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const outcome = await redeemPoints(deps, c.get('staff'), body, idempotencyKey(c));
      if (!outcome.ok) throw refusalError(outcome.refusal);
      const response: RedeemPointsResponse = { replayed: outcome.result.replayed, points: body.points, pointsBalance: outcome.result.pointsBalance };
      return c.json(response, response.replayed ? 200 : 201);
    })
    .post('/coupon-redemptions', jsonBody(RedeemCouponRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const outcome = await redeemCoupon(deps, c.get('staff'), body, idempotencyKey(c));
      if (!outcome.ok) throw refusalError(outcome.refusal);
      const response: RedeemCouponResponse = { replayed: outcome.result.replayed, coupon: outcome.result.coupon };
      return c.json(response, response.replayed ? 200 : 201);
    })
    .post('/purchase-voids', jsonBody(VoidPurchaseRequestSchema), async (c) => {
      const body = c.req.valid('json');
      const outcome = await voidPurchase(deps, c.get('staff'), body);
      if (!outcome.ok) throw refusalError(outcome.refusal);
      const { result } = outcome;
      const response: VoidPurchaseResponse = {
        replayed: result.replayed,
        receiptId: body.receiptId,
        reversedPoints: result.reversedPoints,
        unrecoverablePoints: result.unrecoverablePoints,
        pointsBalance: result.pointsBalance,
      };
      return c.json(response, response.replayed ? 200 : 201);
    });
}
