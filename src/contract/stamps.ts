import { z } from 'zod/mini';
import { InstantSchema } from './card';
import { CouponSchema, DiscountSchema } from './coupons';
import { LocalisedTextSchema } from './localised';

export const StampCardSchema = z.object({
  cardSize: z.number().check(z.int(), z.positive()),
  /** Stamps on the card being filled, oldest first. */
  stamps: z.array(z.object({ at: InstantSchema })),
  completedCards: z.number().check(z.int(), z.nonnegative()),
  minPurchaseYen: z.number().check(z.int(), z.nonnegative()),
  reward: z.object({ title: LocalisedTextSchema, discount: DiscountSchema }),
  /** The newest reward coupon of a filled card, while it is still usable: the stamp screen celebrates it and links to it. */
  rewardWaiting: z.nullable(CouponSchema),
});
export type StampCard = z.infer<typeof StampCardSchema>;
