import { z } from 'zod/mini';
import { LocalisedTextSchema } from './localised';
import { text } from './text';

/** The operator dashboard's API (/api/admin/*): figures over a range of JST calendar days, and the programme rules. */

/** A JST calendar day, `YYYY-MM-DD`. */
export const JstDaySchema = text().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'A day as YYYY-MM-DD'));
export type JstDay = z.infer<typeof JstDaySchema>;

/** Longest range one request may ask for: two years and a day, so a request stays cheap. */
export const MAX_RANGE_DAYS = 731;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
/** 2020-02-30 matches the pattern but is no day: it would not survive a round trip through Date. */
const isCalendarDay = (day: string) => !Number.isNaN(dayNumber(day)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** Query string of every figure: both ends inclusive, in JST. */
export const DashboardRangeSchema = z
  .object({ from: JstDaySchema, to: JstDaySchema })
  .check(
    z.refine((r) => isCalendarDay(r.from) && isCalendarDay(r.to), { message: 'Not a calendar day', path: ['from'] }),
    z.refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['to'] }),
    z.refine((r) => dayNumber(r.to) - dayNumber(r.from) < MAX_RANGE_DAYS, { message: `At most ${MAX_RANGE_DAYS} days`, path: ['to'] }),
  );
export type DashboardRange = z.infer<typeof DashboardRangeSchema>;

const count = z.number().check(z.int(), z.nonnegative());

/** Where the programme stands at the end of the range (23:59:59 JST on `to`). */
export const FunnelSchema = z.object({
  asOf: JstDaySchema,
  /** LINE users whose latest follow/unfollow event by then is a follow. */
  friends: count,
  /** Members (cards) registered by then. */
  members: count,
  /** Members with an active link to an existing (CRM) membership. */
  linked: count,
  /** Members who completed their profile. */
  profileComplete: count,
  /** Members in the top tier on their spend over the tier window ending then. */
  topTier: z.object({ id: text(), name: text(), members: count }),
});
export type Funnel = z.infer<typeof FunnelSchema>;

/**
 * Who the Messaging API can reach now, whatever the range: members whose LINE account is a friend of
 * the Official Account by the latest word (a follow/unfollow webhook or the app's getFriendship report).
 */
export const ReachableMembersSchema = z.object({
  /** Open memberships (with a LINE account). */
  members: count,
  /** Of those, friends who have not blocked the account. */
  reachable: count,
});
export type ReachableMembers = z.infer<typeof ReachableMembersSchema>;

export const LinksPerDaySchema = z.object({
  days: z.array(z.object({ day: JstDaySchema, links: count, incentiveGranted: count })),
  totalLinks: count,
});
export type LinksPerDay = z.infer<typeof LinksPerDaySchema>;

export const CouponFiguresSchema = z.object({
  kinds: z.array(z.object({ kind: z.enum(['birthday', 'stamp_reward', 'welcome', 'tier_reward']), issued: count, redeemed: count })),
});
export type CouponFigures = z.infer<typeof CouponFiguresSchema>;

/** Points are a liability: what the members could still spend, in points and in yen. Measured now, not over the range. */
export const PointsLiabilitySchema = z.object({
  outstandingPoints: count,
  pointValueYen: z.number(),
  liabilityYen: z.number(),
  expiringNextMonth: z.object({ month: text(), points: count, yen: z.number() }),
});
export type PointsLiability = z.infer<typeof PointsLiabilitySchema>;

export const BlocksPerDaySchema = z.object({
  days: z.array(z.object({ day: JstDaySchema, follows: count, blocks: count })),
  /** Friends at the start of the range. */
  friendsAtStart: count,
  follows: count,
  blocks: count,
  /** blocks ÷ (friends at the start + follows in the range); 0 when both are 0. */
  blockRate: z.number(),
});
export type BlocksPerDay = z.infer<typeof BlocksPerDaySchema>;

export const StoreFiguresSchema = z.object({
  stores: z.array(z.object({ storeId: text(), storeName: z.nullable(LocalisedTextSchema), purchases: count, spendYen: z.number(), shoppers: count })),
});
export type StoreFigures = z.infer<typeof StoreFiguresSchema>;

/** The programme config as the dashboard shows it (read-only); the page puts it in plain words. */
export const ProgramRulesSchema = z.object({
  brandName: text(),
  pointValueYen: z.number(),
  tiers: z.array(z.object({ id: text(), name: text(), minSpendYen: z.number(), pointsPer100Yen: z.number() })),
  tierWindowMonths: z.number(),
  pointExpiry: z.object({ policy: z.enum(['lot-end-of-month', 'since-last-purchase']), months: z.number() }),
  stamps: z.object({ minPurchaseYen: z.number(), maxPerDay: z.number(), cardSize: z.number(), rewardTitle: LocalisedTextSchema }),
  birthdayCoupon: z.object({ enabled: z.boolean(), title: LocalisedTextSchema }),
  incentives: z.object({ linkPoints: z.number(), profileCompletionPoints: z.number() }),
  memberCode: z.object({ symbology: text(), rotatingEnabled: z.boolean(), rotatingPeriodSeconds: z.number() }),
  register: z.object({
    maxPurchaseYen: z.number(),
    maxPurchasesPerMemberPerDay: z.number(),
    maxPointsPerMemberPerDay: z.number(),
    approvalAboveYen: z.number(),
  }),
});
export type ProgramRules = z.infer<typeof ProgramRulesSchema>;
