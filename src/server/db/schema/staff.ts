import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/** Store staff who use the clerk console. Passwords are scrypt hashes, never stored in clear. */
export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    storeId: text('store_id').notNull(),
    role: text('role', { enum: ['clerk', 'manager', 'admin', 'marketing'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Carried in every session token; logout increments it, ending every session of the account. */
    sessionGeneration: integer('session_generation').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('staff_accounts_role', sql`${t.role} IN ('clerk', 'manager', 'admin', 'marketing')`)],
);

/** Every staff action, refusals and failed logins included. Append-only. */
export const staffAuditLog = pgTable(
  'staff_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    staffId: uuid('staff_id').references(() => staffAccounts.id),
    /** As typed at login, so failed logins of unknown names are recorded too. */
    username: text('username').notNull(),
    storeId: text('store_id'),
    memberId: uuid('member_id').references(() => members.id),
    action: text('action').notNull(),
    result: text('result', { enum: ['ok', 'refused'] }).notNull(),
    /** The refusal code, or what the action changed. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('staff_audit_log_store_time').on(t.storeId, t.at), index('staff_audit_log_time').on(t.at)],
);

/**
 * A checkout authorisation: the clerk's scan of a rotating code uses the code up (the unique index
 * on member and time step: a replayed code loses, even under concurrency) and authorises every
 * spend of that checkout, for the staff session that scanned it only, until it expires or is
 * ended (「次のお客様」, logout).
 */
export const checkoutAuthorisations = pgTable(
  'checkout_authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The scanned code's time step. */
    timeStep: bigint('time_step', { mode: 'number' }).notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    /** The staff session (one signed-in register) that scanned the code; no other session may use it. */
    staffSessionId: text('staff_session_id').notNull(),
    storeId: text('store_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('checkout_authorisations_member_step').on(t.memberId, t.timeStep), index('checkout_authorisations_staff').on(t.staffId)],
);

/**
 * Staff login attempts per client address and fixed window, counted in the database so the limit
 * holds across BFF processes; unknown usernames count too. A good login gives its attempt back.
 */
export const staffLoginThrottle = pgTable(
  'staff_login_throttle',
  {
    clientAddress: text('client_address').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.clientAddress, t.windowStart] }), index('staff_login_throttle_window').on(t.windowStart)],
);

/**
 * Every spending action's Idempotency-Key with what it was first used for (action and a hash of
 * the canonical body): a retry of the same request replays, the key sent with anything else is refused.
 */
export const staffIdempotencyKeys = pgTable('staff_idempotency_keys', {
  key: text('key').primaryKey(),
  action: text('action').notNull(),
  fingerprint: text('fingerprint').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
