import { z } from 'zod/mini';
import { text } from './text';
import { InstantSchema } from './card';
import { DiscountSchema } from './coupons';

export const StampCardSchema = z.object({
  cardSize: z.number().check(z.int(), z.positive()),
  /** Stamps on the card being filled, oldest first. */
  stamps: z.array(z.object({ at: InstantSchema })),
  completedCards: z.number().check(z.int(), z.nonnegative()),
  minPurchaseYen: z.number().check(z.int(), z.nonnegative()),
  reward: z.object({ title: text(), discount: DiscountSchema }),
});
export type StampCard = z.infer<typeof StampCardSchema>;
