import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One schema for PGlite and PostgreSQL, a file per area (drizzle-kit reads the whole folder).
 * Row types never leave the server: routes map rows to the contract.
 */

export const members = pgTable('members', {
  id: uuid('id').primaryKey().defaultRandom(),
  lineUserId: text('line_user_id').unique(),
  memberNumber: text('member_number').notNull().unique(),
  displayName: text('display_name'),
  /** 'YYYY-MM-DD'; drives the birthday-month coupon. Set by the profile, null until then. */
  birthday: date('birthday', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * Per-member secret of the rotating member code (64 hex digits from two random UUIDs,
   * 244 random bits). A database default, so every member has one from creation on and reading a
   * code never writes; never leaves the server.
   */
  codeSecret: text('code_secret')
    .notNull()
    .default(sql`replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')`),
  /**
   * Carried in every shopper session token and checked on each request (the member row is read
   * anyway): logout, withdrawal and a card moving to another LINE account increment it, ending
   * every session issued before.
   */
  sessionGeneration: integer('session_generation').notNull().default(0),
  /** A LINE message after each purchase (points earned, new balance): on unless the member turns it off in マイページ. */
  purchaseReceipts: boolean('purchase_receipts').notNull().default(true),
  /*
   * Copies for segment counts, so a count is one pass over members with no join (migration 0015,
   * src/server/members/segment-flags.ts). Triggers on line_friends, member_links and
   * member_profiles keep them in the writing transaction; the app never writes them.
   */
  /** The friend status (line_friends) of the member's LINE account: null when no follow or block is known. */
  isFriend: boolean('is_friend'),
  /** Has an active CRM link (member_links with unlinked_at null). */
  isLinked: boolean('is_linked').notNull().default(false),
  /** Has a member_profiles row (the profile was completed). */
  hasProfile: boolean('has_profile').notNull().default(false),
  /** The profile's marketing consent; false without a profile. */
  marketingConsent: boolean('marketing_consent').notNull().default(false),
},
// Segments filter on the birthday month (src/server/segments/segment-rules.ts compiles the same expression).
(t) => [index('members_birthday_month').on(sql`(extract(month from ${t.birthday}))`)],
);
