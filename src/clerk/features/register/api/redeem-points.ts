import { RedeemPointsResponseSchema, type RedeemPointsRequest } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const redeemPoints = (body: RedeemPointsRequest, idempotencyKey: string) =>
  staffRequest('/point-redemptions', RedeemPointsResponseSchema, { method: 'POST', body, idempotencyKey });
