import { RedeemCouponResponseSchema, type RedeemCouponRequest } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const redeemCoupon = (body: RedeemCouponRequest, idempotencyKey: string) =>
  staffRequest('/coupon-redemptions', RedeemCouponResponseSchema, { method: 'POST', body, idempotencyKey });
