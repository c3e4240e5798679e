import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/** A purchase recorded at a register. The receipt id is its idempotency key within a store. */
export const purchases = pgTable(
  'purchases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    storeId: text('store_id').notNull(),
    receiptId: text('receipt_id').notNull(),
    amountYen: integer('amount_yen').notNull(),
    purchasedAt: timestamp('purchased_at', { withTimezone: true }).notNull(),
    pointsEarned: integer('points_earned').notNull(),
    stampAwarded: boolean('stamp_awarded').notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('purchases_store_receipt').on(t.storeId, t.receiptId),
    // Carries the tier window's spend (amount, voided) so the card reads it from the index alone.
    index('purchases_member_time').on(t.memberId, t.purchasedAt, t.voidedAt, t.amountYen),
    // The dashboard's per-store and per-day figures scan a time range.
    index('purchases_time').on(t.purchasedAt),
    check('purchases_amount_positive', sql`${t.amountYen} > 0`),
  ],
);

/** One stamp per qualifying purchase; `cardNumber` says which card (1, 2, …) it filled. */
export const stamps = pgTable(
  'stamps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    purchaseId: bigint('purchase_id', { mode: 'number' }).notNull().references(() => purchases.id),
    cardNumber: integer('card_number').notNull(),
    stampedAt: timestamp('stamped_at', { withTimezone: true }).notNull(),
    /** The JST calendar day, for the per-day limit. */
    jstDay: date('jst_day', { mode: 'string' }).notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  // stamps_member_card carries voided_at: the card counts the latest card's stamps from the index alone.
  (t) => [uniqueIndex('stamps_purchase').on(t.purchaseId), index('stamps_member_card').on(t.memberId, t.cardNumber, t.voidedAt)],
);

/** Single-use coupons. `issueKey` (e.g. birthday:2026, stamp-card:3) makes each issue happen once. */
export const coupons = pgTable(
  'coupons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    kind: text('kind', { enum: ['birthday', 'stamp_reward', 'welcome', 'tier_reward'] }).notNull(),
    issueKey: text('issue_key').notNull(),
    title: text('title').notNull(),
    /** The English title; null on coupons issued before titles were translated (they show `title`). */
    titleEn: text('title_en'),
    discount: jsonb('discount').$type<{ kind: 'percent'; percent: number } | { kind: 'yen'; yen: number }>().notNull(),
    /** What the clerk scans. */
    code: text('code').notNull().unique(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedStoreId: text('used_store_id'),
    /** Idempotency key of the redemption, so a retried redeem returns the first answer. */
    redeemKey: text('redeem_key'),
  },
  (t) => [
    uniqueIndex('coupons_member_issue').on(t.memberId, t.issueKey),
    // Carries the usable-coupon test (used, valid from/until) so the card counts them from the index alone.
    index('coupons_member').on(t.memberId, t.usedAt, t.validUntil, t.validFrom),
    // Coupons issued / redeemed in a date range (dashboard).
    index('coupons_issued_at').on(t.issuedAt),
    index('coupons_used_at').on(t.usedAt),
    check('coupons_kind', sql`${t.kind} IN ('birthday', 'stamp_reward', 'welcome', 'tier_reward')`),
    check('coupons_window', sql`${t.validFrom} <= ${t.validUntil}`),
  ],
);

/**
 * Per-member purchase facts (#17), so segment counts never scan purchases: kept by a trigger on
 * purchases in the purchase's (or void's) own transaction (hand-written SQL at the end of the
 * migration `member_facts`); `loyalty/member-facts.ts` refreshes and rebuilds them.
 *
 * `spendYen` is the sum of the member's non-voided purchases at or after `spendFrom` (a tier-window
 * start, or -infinity: every purchase), `oldestCountedAt` the earliest of those. They give the tier
 * window's spend at `now` exactly when spendFrom ≤ windowStart(now) ≤ oldestCountedAt (nothing
 * counted has left the window) and lastPurchaseAt ≤ now (nothing dated later): segment-rules.ts
 * checks that per member and recounts from purchases for the few members it does not hold for.
 * The daily job moves `spendFrom` on for the members whose oldest counted purchase left the window.
 * No row: the member has no non-voided purchase.
 */
export const memberFacts = pgTable(
  'member_facts',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id),
    spendFrom: timestamp('spend_from', { withTimezone: true }).notNull(),
    spendYen: bigint('spend_yen', { mode: 'number' }).notNull(),
    oldestCountedAt: timestamp('oldest_counted_at', { withTimezone: true }),
    /** The latest non-voided purchase, whenever it is dated. */
    lastPurchaseAt: timestamp('last_purchase_at', { withTimezone: true }),
    /** The stores of the member's non-voided purchases, each once (segments: "bought at store"). */
    stores: text('stores').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    // Segments: "no purchase in N days".
    index('member_facts_last_purchase').on(t.lastPurchaseAt),
    // The daily refresh: members whose oldest counted purchase has left the window.
    index('member_facts_oldest_counted').on(t.oldestCountedAt),
  ],
);
