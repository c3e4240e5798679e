import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/**
 * The profile a member completes after ID-first registration. Personal data lives here
 * (and in members.birthday / display_name) so withdrawal can erase it while the ledger stays.
 */
export const memberProfiles = pgTable('member_profiles', {
  memberId: uuid('member_id').primaryKey().references(() => members.id),
  fullName: text('full_name').notNull(),
  kana: text('kana').notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  postalCode: text('postal_code').notNull(),
  marketingConsent: boolean('marketing_consent').notNull(),
  termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }).notNull(),
  /** How many times the shopper changed an already-set birthday (coupon farming guard). */
  birthdayChanges: integer('birthday_changes').notNull().default(0),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
