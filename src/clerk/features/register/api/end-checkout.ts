import { z } from 'zod/mini';
import { staffRequest } from '../../../lib/api-client';

/** 「次のお客様」: the checkout the last scan opened stops authorising spends. */
export const endCheckout = (checkout: string) => staffRequest('/checkout-ends', z.null(), { method: 'POST', body: { checkout } });
