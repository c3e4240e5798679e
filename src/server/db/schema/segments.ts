import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';
import { staffAccounts } from './staff';

/** A saved filter over members (src/contract/segments.ts `SegmentFilter`), compiled to one SQL query when counted or sent. */
export const segments = pgTable('segments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
  createdBy: uuid('created_by').references(() => staffAccounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A message to a segment: its variants (A, or A and B), the hold-out share, when it goes. The
 * segment's filter is copied at creation, so a later edit of the segment does not change a
 * scheduled send. `materialisedAt` is set in the transaction that writes its recipients.
 */
export const segmentSends = pgTable(
  'segment_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    segmentId: uuid('segment_id').references(() => segments.id, { onDelete: 'set null' }),
    segmentName: text('segment_name').notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
    /** [{ key: 'A', message }, { key: 'B', message }] (contract `SendVariant`). */
    variants: jsonb('variants').$type<Record<string, unknown>[]>().notNull(),
    holdoutPercent: integer('holdout_percent').notNull(),
    /** Days after the send over which the report counts links, purchases and redemptions. */
    reportDays: integer('report_days').notNull(),
    status: text('status', { enum: ['scheduled', 'sending', 'sent', 'cancelled'] }).notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    materialisedAt: timestamp('materialised_at', { withTimezone: true }),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('segment_sends_due').on(t.status, t.scheduledAt),
    check('segment_sends_status', sql`${t.status} IN ('scheduled', 'sending', 'sent', 'cancelled')`),
    check('segment_sends_holdout', sql`${t.holdoutPercent} >= 0 AND ${t.holdoutPercent} <= 90`),
  ],
);

/**
 * Everyone a send was for, written once when it goes (the primary key: nobody is a recipient twice,
 * whatever reruns). The variant (A, B or holdout) comes from a hash of (send, member). `status`:
 * `holdout` (receives nothing), `skipped` (with `skipReason`), `queued` (in the outbox row
 * `causeKey`, whose status says whether it was sent).
 */
export const sendRecipients = pgTable(
  'send_recipients',
  {
    sendId: uuid('send_id')
      .notNull()
      .references(() => segmentSends.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    lineUserId: text('line_user_id'),
    variant: text('variant').notNull(),
    status: text('status', { enum: ['pending', 'queued', 'skipped', 'holdout'] }).notNull(),
    skipReason: text('skip_reason'),
    /** Multicast batch within the variant (recipients ordered by member id), fixed when written. */
    batch: integer('batch'),
    causeKey: text('cause_key'),
  },
  (t) => [
    primaryKey({ columns: [t.sendId, t.memberId] }),
    index('send_recipients_batch').on(t.sendId, t.status, t.variant, t.batch),
    check('send_recipients_status', sql`${t.status} IN ('pending', 'queued', 'skipped', 'holdout')`),
  ],
);
