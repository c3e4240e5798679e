import { z } from 'zod/mini';
import { text } from './text';
import { InstantSchema } from './card';
import { LocalisedTextSchema } from './localised';

export const CouponKindSchema = z.enum(['birthday', 'stamp_reward', 'welcome', 'tier_reward']);
export type CouponKind = z.infer<typeof CouponKindSchema>;

export const DiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), percent: z.number().check(z.int(), z.gte(1), z.lte(100)) }),
  z.object({ kind: z.literal('yen'), yen: z.number().check(z.int(), z.positive()) }),
]);
export type Discount = z.infer<typeof DiscountSchema>;

export const CouponStatusSchema = z.enum(['usable', 'used', 'expired', 'not_yet_valid']);
export type CouponStatus = z.infer<typeof CouponStatusSchema>;

export const CouponSchema = z.object({
  id: text(),
  kind: CouponKindSchema,
  title: LocalisedTextSchema,
  discount: DiscountSchema,
  validFrom: InstantSchema,
  validUntil: InstantSchema,
  status: CouponStatusSchema,
  usedAt: z.nullable(InstantSchema),
  /** The store's name where it was used (shown in the shopper's list), null when unknown or unused. */
  usedAtStore: z.nullable(LocalisedTextSchema),
  /** What the clerk scans: 12 digits, drawn as CODE128. */
  code: text(),
});
export type Coupon = z.infer<typeof CouponSchema>;

export const CouponListSchema = z.object({ coupons: z.array(CouponSchema) });
export type CouponList = z.infer<typeof CouponListSchema>;
