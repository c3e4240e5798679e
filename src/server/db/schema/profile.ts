import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/**
 * The profile a member completes after ID-first registration. Personal data lives here
 * (and in members.birthday / display_name) so withdrawal can erase it while the ledger stays.
 */
export const memberProfiles = pgTable('member_profiles', {
  memberId: uuid('member_id').primaryKey().references(() => members.id),
  /** 姓 / 名; profiles saved with one name field were split at its first space (migration 0004). */
  familyName: text('family_name').notNull().default(''),
  givenName: text('given_name').notNull().default(''),
  /** Full-width katakana (the contract turns typed hiragana into katakana). */
  familyKana: text('family_kana').notNull().default(''),
  givenKana: text('given_kana').notNull().default(''),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  postalCode: text('postal_code').notNull(),
  /** The address, filled from the postal code and completed by the shopper; '' on profiles saved before it was asked. */
  prefecture: text('prefecture').notNull().default(''),
  city: text('city').notNull().default(''),
  street: text('street').notNull().default(''),
  building: text('building').notNull().default(''),
  marketingConsent: boolean('marketing_consent').notNull(),
  termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }).notNull(),
  /** How many times the shopper changed an already-set birthday (coupon farming guard). */
  birthdayChanges: integer('birthday_changes').notNull().default(0),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
