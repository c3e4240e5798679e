import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
});
