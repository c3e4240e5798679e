import { z } from 'zod/mini';
import { InstantSchema } from './card';
import { JstDaySchema } from './dashboard';
import { LocalisedTextSchema } from './localised';
import { text } from './text';

/**
 * Segments and segment sends (/api/admin/segments, /api/admin/sends): a saved filter over members,
 * and a LINE message to it (text, or a card with each member's own figures), A/B variants and a
 * hold-out group. Every condition given must hold (AND); an empty filter is every member.
 */

const count = z.number().check(z.int(), z.nonnegative());
const storeOrTierId = text().check(z.minLength(1), z.maxLength(64));

export const SegmentFilterSchema = z.strictObject({
  /** Has an active link to an existing (CRM) membership, or has none. */
  linked: z.optional(z.boolean()),
  /** In one of these tiers now (programme tier ids; spend over the tier window, as the card computes it). */
  tiers: z.optional(z.array(storeOrTierId).check(z.minLength(1, 'Choose at least one tier'), z.maxLength(20))),
  /** Holds live points that expire before the end of this JST day (and after now). */
  pointsExpiringBefore: z.optional(JstDaySchema),
  /** Birthday in this month (1–12). */
  birthdayMonth: z.optional(z.number().check(z.int(), z.gte(1, 'Month 1–12'), z.lte(12, 'Month 1–12'))),
  /** Has bought before, but not in the last N days. */
  lastPurchaseOlderThanDays: z.optional(z.number().check(z.int(), z.gte(1, 'At least 1 day'), z.lte(3650, 'At most 3650 days'))),
  /** Has bought at this store (not voided). */
  purchasedAtStore: z.optional(storeOrTierId),
  /** Completed the profile, or has not. */
  profileCompleted: z.optional(z.boolean()),
  /** Friend of the official account now (`friend`) or blocked it (`blocked`). */
  friendship: z.optional(z.enum(['friend', 'blocked'])),
  /** Consented to marketing messages (in the profile), or has not. */
  marketingConsent: z.optional(z.boolean()),
});
export type SegmentFilter = z.infer<typeof SegmentFilterSchema>;

const segmentName = text().check(z.trim(), z.minLength(1, 'Give the segment a name'), z.maxLength(80, 'At most 80 characters'));

export const SegmentInputSchema = z.object({ name: segmentName, filter: SegmentFilterSchema });
export type SegmentInput = z.infer<typeof SegmentInputSchema>;

export const SegmentCountRequestSchema = z.object({ filter: SegmentFilterSchema });
export type SegmentCountRequest = z.infer<typeof SegmentCountRequestSchema>;

export const SegmentCountSchema = z.object({ members: count });
export type SegmentCount = z.infer<typeof SegmentCountSchema>;

export const SegmentSchema = z.object({ id: text(), name: text(), filter: SegmentFilterSchema, members: count, updatedAt: InstantSchema });
export type Segment = z.infer<typeof SegmentSchema>;

export const SegmentListSchema = z.object({ segments: z.array(SegmentSchema) });
export type SegmentList = z.infer<typeof SegmentListSchema>;

export const UuidSchema = text().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'An id as returned by the API'));
export const IdParamsSchema = z.object({ id: UuidSchema });

/**
 * A message. `text` is the same for everyone (sent as multicasts of up to 500). `card` is a Flex
 * card whose title and body may name the member's own figures — {name}, {balance},
 * {expiringPoints}, {expiryDate} — so it is rendered per member and pushed one by one.
 */
const messageText = text().check(z.trim(), z.minLength(1, 'Write the message'), z.maxLength(1000, 'At most 1000 characters'));
export const SendMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: messageText }),
  z.strictObject({
    kind: z.literal('card'),
    title: text().check(z.trim(), z.minLength(1, 'Write a title'), z.maxLength(80, 'At most 80 characters')),
    body: messageText,
  }),
]);
export type SendMessage = z.infer<typeof SendMessageSchema>;

export const PLACEHOLDERS = ['name', 'balance', 'expiringPoints', 'expiryDate'] as const;

export const VariantKeySchema = z.enum(['A', 'B']);
export const SendVariantSchema = z.object({ key: VariantKeySchema, message: SendMessageSchema });
export type SendVariant = z.infer<typeof SendVariantSchema>;

export const SendRequestSchema = z.object({
  segmentId: UuidSchema,
  /** A alone, or A and B (recipients split evenly by a hash of send and member). */
  variants: z
    .array(SendVariantSchema)
    .check(
      z.minLength(1, 'Write a message'),
      z.maxLength(2, 'At most two variants'),
      z.refine((variants) => variants.every((variant, i) => variant.key === (['A', 'B'] as const)[i]), 'Variants are A, then B'),
    ),
  /** Share of the segment that receives nothing, to compare against (0–90). */
  holdoutPercent: z.number().check(z.int(), z.gte(0), z.lte(90, 'At most 90 %')),
  /** Days after the send the report counts actions over (1–90). */
  reportDays: z.number().check(z.int(), z.gte(1), z.lte(90)),
  /** null: now; else when the job runner sends it (not in the past). */
  scheduledAt: z.nullable(InstantSchema),
});
export type SendRequest = z.infer<typeof SendRequestSchema>;

export const PreviewRequestSchema = z.object({
  segmentId: UuidSchema,
  message: SendMessageSchema,
  /** The member to render for; null: the segment's first member. */
  memberNumber: z.nullable(text().check(z.maxLength(64))),
});
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

export const RenderedMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: text() }),
  z.object({ kind: z.literal('card'), title: text(), body: text() }),
]);
export type RenderedMessage = z.infer<typeof RenderedMessageSchema>;

const memberRef = z.object({ memberNumber: text(), displayName: z.nullable(text()) });

export const PreviewSchema = z.object({
  /** Null when the segment is empty (or the member is not in it). */
  member: z.nullable(memberRef),
  rendered: z.nullable(RenderedMessageSchema),
  /** Members of the segment the admin may pick from (the first 20 by member number). */
  sample: z.array(memberRef),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const SKIP_REASONS = ['not_friend', 'no_consent', 'unreachable_at_delivery'] as const;
export const SkipReasonSchema = z.enum(SKIP_REASONS);

const rate = z.nullable(z.number().check(z.gte(0), z.lte(1)));
const action = z.object({ members: count, rate });

/** One group of a send: a variant or the hold-out. Action rates are over everyone assigned to the group. */
export const SendGroupReportSchema = z.object({
  group: z.enum(['A', 'B', 'holdout']),
  assigned: count,
  skipped: count,
  queued: count,
  sent: count,
  failed: count,
  links: action,
  purchases: action,
  couponRedemptions: action,
});
export type SendGroupReport = z.infer<typeof SendGroupReportSchema>;

export const SendSummarySchema = z.object({
  id: text(),
  segmentName: text(),
  status: z.enum(['scheduled', 'sending', 'sent', 'cancelled']),
  scheduledAt: InstantSchema,
  materialisedAt: z.nullable(InstantSchema),
  variants: z.array(SendVariantSchema),
  holdoutPercent: count,
  reportDays: count,
  recipients: count,
  skipped: z.record(text(), count),
  sent: count,
  failed: count,
  pending: count,
});
export type SendSummary = z.infer<typeof SendSummarySchema>;

export const SendListSchema = z.object({ sends: z.array(SendSummarySchema) });
export type SendList = z.infer<typeof SendListSchema>;

export const SendReportSchema = z.object({ send: SendSummarySchema, groups: z.array(SendGroupReportSchema), windowEnd: z.nullable(InstantSchema) });
export type SendReport = z.infer<typeof SendReportSchema>;

export const SendCreatedSchema = z.object({ id: UuidSchema });
export type SendCreated = z.infer<typeof SendCreatedSchema>;

/** What the segment builder offers: the programme's tiers and stores. */
export const SegmentOptionsSchema = z.object({
  tiers: z.array(z.object({ id: text(), name: text() })),
  stores: z.array(z.object({ id: text(), name: LocalisedTextSchema })),
});
export type SegmentOptions = z.infer<typeof SegmentOptionsSchema>;
