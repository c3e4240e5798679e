import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/** Append-only points ledger: every change to a balance is one entry. */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    kind: text('kind', { enum: ['earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer'] }).notNull(),
    points: integer('points').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('point_entries_kind', sql`${t.kind} IN ('earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer')`),
    uniqueIndex('point_entries_member_key').on(t.memberId, t.idempotencyKey), index('point_entries_member').on(t.memberId)],
);

/** Each earn is a lot with its own expiry; the balance is the sum of live lots' remaining points. */
export const pointLots = pgTable(
  'point_lots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => pointEntries.id),
    points: integer('points').notNull(),
    remaining: integer('remaining').notNull(),
    earnedAt: timestamp('earned_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('point_lots_member_expiry').on(t.memberId, t.expiresAt),
    check('point_lots_points_positive', sql`${t.points} > 0`),
    check('point_lots_remaining_in_range', sql`${t.remaining} >= 0 AND ${t.remaining} <= ${t.points}`),
  ],
);
