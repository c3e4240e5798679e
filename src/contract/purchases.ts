import { z } from 'zod/mini';
import { text } from './text';

/** A purchase amount in yen: whole yen, positive, below ¥10,000,000 per receipt. */
export const PurchaseAmountYenSchema = z.number().check(z.int(), z.gte(1), z.lte(9_999_999));

/** The register's receipt id: the purchase's idempotency key within a store. */
export const ReceiptIdSchema = text().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'receipt id: 1–64 letters, digits, - or _'));
