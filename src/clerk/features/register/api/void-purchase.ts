import { VoidPurchaseResponseSchema, type VoidPurchaseRequest } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const voidPurchase = (body: VoidPurchaseRequest, idempotencyKey: string) =>
  staffRequest('/purchase-voids', VoidPurchaseResponseSchema, { method: 'POST', body, idempotencyKey });
