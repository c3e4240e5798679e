import { z } from 'zod/mini';
import { text } from './text';
import { ExpiringPointsSchema, InstantSchema } from './card';

export const PointsHistoryKindSchema = z.enum(['earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer']);

export const PointsHistoryItemSchema = z.object({
  id: text(),
  kind: PointsHistoryKindSchema,
  /** Signed: positive adds to the balance, negative takes from it. */
  points: z.number().check(z.int()),
  at: InstantSchema,
  storeName: z.nullable(text()),
  /** Purchase amount for earns from a purchase. */
  amountYen: z.nullable(z.number().check(z.int())),
});
export type PointsHistoryItem = z.infer<typeof PointsHistoryItemSchema>;

export const PointsOverviewSchema = z.object({
  balance: z.number().check(z.int(), z.nonnegative()),
  /** Live points grouped by expiry, soonest first. */
  upcomingExpiries: z.array(ExpiringPointsSchema),
  /** Newest first. */
  history: z.array(PointsHistoryItemSchema),
});
export type PointsOverview = z.infer<typeof PointsOverviewSchema>;
