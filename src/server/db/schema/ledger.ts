import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

type LotMovement = { lotId: string; points: number };
type Reallocation = { debitKey: string; fromLotId: string; toLotId: string | null; points: number };

/**
 * Append-only points ledger: every change to a balance is one entry (src/server/loyalty/ledger.ts
 * holds the rules). `(member_id, key)` is unique: the idempotency key is enforced by the database too.
 */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    key: text('key').notNull(),
    kind: text('kind', { enum: ['earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    purchaseId: text('purchase_id'),
    /** Where it happened (redemptions, earns), for the shopper's history. */
    storeId: text('store_id'),
    lotId: text('lot_id'),
    allocations: jsonb('allocations').$type<LotMovement[]>().notNull(),
    reversesKey: text('reverses_key'),
    reallocations: jsonb('reallocations').$type<Reallocation[]>().notNull(),
    unrecoverablePoints: integer('unrecoverable_points').notNull(),
    forfeitedPoints: integer('forfeited_points').notNull(),
    /** Free text for adjustments and transfers (who, why). */
    reason: text('reason'),
  },
  (t) => [
    check('point_entries_kind', sql`${t.kind} IN ('earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer')`),
    check('point_entries_balance_after', sql`${t.balanceAfter} >= 0`),
    uniqueIndex('point_entries_member_key').on(t.memberId, t.key),
    index('point_entries_member_at').on(t.memberId, t.at),
  ],
);

/** Each credit is a lot with its own expiry; the balance is the sum of live lots' remaining points. */
export const pointLots = pgTable(
  'point_lots',
  {
    memberId: uuid('member_id').notNull().references(() => members.id),
    /** `lot:<key of the credit entry>`, unique per member. */
    id: text('id').notNull(),
    sourceKey: text('source_key').notNull(),
    earnedAt: timestamp('earned_at', { withTimezone: true }).notNull(),
    /** Last instant the points can be used (inclusive). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    points: integer('points').notNull(),
    remaining: integer('remaining').notNull(),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.id] }),
    // Carries what the card reads (remaining, reversed) so its balance and soonest expiry are index-only scans.
    index('point_lots_member_expiry').on(t.memberId, t.expiresAt, t.remaining, t.reversedAt),
    // The daily job looks for lots past expiry that still hold points.
    // member_id too: the expiring-points segment reads the index alone (an index-only scan), not the lots' pages.
    index('point_lots_expiring').on(t.expiresAt, t.memberId).where(sql`${t.remaining} > 0 AND ${t.reversedAt} IS NULL`),
    check('point_lots_points_positive', sql`${t.points} > 0`),
    check('point_lots_remaining_in_range', sql`${t.remaining} >= 0 AND ${t.remaining} <= ${t.points}`),
  ],
);
