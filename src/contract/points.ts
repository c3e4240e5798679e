import { z } from 'zod/mini';
import { text } from './text';
import { ExpiringPointsSchema, InstantSchema } from './card';
import { LocalisedTextSchema } from './localised';

export const PointsHistoryKindSchema = z.enum(['earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer']);

/**
 * What an entry was, in the shopper's words: a purchase, points used, points expired, a void of a
 * purchase, a bonus for linking or for the profile, points moved from an old membership, a welcome
 * or campaign bonus (`bonus`), or a staff adjustment.
 */
export const PointsHistoryLabelSchema = z.enum([
  'purchase',
  'points_used',
  'expired',
  'purchase_void',
  'points_returned',
  'link_bonus',
  'profile_bonus',
  'bonus',
  'transfer',
  'adjustment',
]);
export type PointsHistoryLabel = z.infer<typeof PointsHistoryLabelSchema>;

export const PointsHistoryItemSchema = z.object({
  id: text(),
  kind: PointsHistoryKindSchema,
  /** Signed: positive adds to the balance, negative takes from it. */
  points: z.number().check(z.int()),
  at: InstantSchema,
  label: PointsHistoryLabelSchema,
  /** The store's name from the programme config; null when none is known (expiry, bonuses). */
  storeName: z.nullable(LocalisedTextSchema),
  /** Purchase amount for earns from a purchase. */
  amountYen: z.nullable(z.number().check(z.int())),
  /** For a void: the purchase it undid. */
  voidedPurchase: z.nullable(z.object({ receiptId: text(), amountYen: z.number().check(z.int()), at: InstantSchema })),
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
