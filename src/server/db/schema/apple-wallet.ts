import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/**
 * A member's Apple Wallet pass: one per member, created on the first download. The serial and the
 * authentication token go into the pass; the device asks with them (PassKit web service).
 * `updatedAt` is the pass's Last-Modified: every card change moves it on by at least a whole
 * second, so HTTP's one-second dates never hide a change.
 */
export const appleWalletPasses = pgTable(
  'apple_wallet_passes',
  {
    serialNumber: text('serial_number').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .unique()
      .references(() => members.id),
    /** Random, at least 32 characters (Apple asks for 16 or more); compared in constant time. */
    authenticationToken: text('authentication_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Withdrawal: the pass is served voided and without the member's data. */
    voided: boolean('voided').notNull().default(false),
  },
  (t) => [check('apple_wallet_passes_token_length', sql`length(${t.authenticationToken}) >= 16`)],
);

/** A device that added the pass and asked for updates: APNs pushes go to its push token. */
export const appleWalletRegistrations = pgTable(
  'apple_wallet_registrations',
  {
    deviceLibraryIdentifier: text('device_library_identifier').notNull(),
    serialNumber: text('serial_number')
      .notNull()
      .references(() => appleWalletPasses.serialNumber, { onDelete: 'cascade' }),
    pushToken: text('push_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceLibraryIdentifier, t.serialNumber] }), index('apple_wallet_registrations_serial').on(t.serialNumber)],
);
