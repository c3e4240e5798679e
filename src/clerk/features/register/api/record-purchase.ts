import { RecordPurchaseResponseSchema, type RecordPurchaseRequest } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const recordPurchase = (body: RecordPurchaseRequest, idempotencyKey: string) =>
  staffRequest('/purchases', RecordPurchaseResponseSchema, { method: 'POST', body, idempotencyKey });
