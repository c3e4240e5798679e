import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Follow / unfollow events as LINE delivered them, kept with timestamps for block-rate figures. */
export const lineFriendEvents = pgTable(
  'line_friend_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** LINE's webhookEventId: a redelivered event is stored once. */
    webhookEventId: text('webhook_event_id').notNull().unique(),
    lineUserId: text('line_user_id').notNull(),
    kind: text('kind', { enum: ['follow', 'unfollow'] }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  // By time too: the dashboard's blocks per day and friend counts at a date.
  (t) => [index('line_friend_events_user_time').on(t.lineUserId, t.occurredAt), index('line_friend_events_time').on(t.occurredAt)],
);

/** Current friend status per LINE user (the latest event wins, whatever order they arrive in). */
export const lineFriends = pgTable('line_friends', {
  lineUserId: text('line_user_id').primaryKey(),
  isFriend: boolean('is_friend').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
});

/**
 * Kinds of outbound call the outbox makes. LINE's to one user (`push`, `rich_menu`) name a
 * `lineUserId`; a `multicast` names its recipients in the payload; Wallet updates
 * (`apns_pass_update`, `google_wallet_patch`) name the member whose pass changed.
 */
export const OUTBOX_KINDS = ['push', 'rich_menu', 'multicast', 'apns_pass_update', 'google_wallet_patch'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * Calls to other services waiting to be made (the Messaging API, APNs, Google Wallet): shoppers'
 * and clerks' requests only enqueue, the job runner sends with retries. `causeKey` is unique, so
 * each cause is sent at most once.
 */
export const lineOutbox = pgTable(
  'line_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    causeKey: text('cause_key').notNull().unique(),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    /** The LINE user of a push or rich-menu switch; null for other kinds (see the recipient check). */
    lineUserId: text('line_user_id'),
    /** The member whose Wallet pass a Wallet update is for; null for LINE's kinds. */
    memberId: text('member_id'),
    /** push: { messages }; rich_menu: { richMenuId | null }. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'skipped', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    /** X-Line-Retry-Key: LINE drops a retried push it already accepted. */
    retryKey: text('retry_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('line_outbox_due').on(t.status, t.nextAttemptAt),
    check('line_outbox_status', sql`${t.status} IN ('pending', 'sent', 'skipped', 'failed')`),
    check(
      'line_outbox_recipient',
      sql`(${t.kind} IN ('push', 'rich_menu') AND ${t.lineUserId} IS NOT NULL)
        OR (${t.kind} = 'multicast' AND ${t.lineUserId} IS NULL)
        OR (${t.kind} IN ('apns_pass_update', 'google_wallet_patch') AND ${t.memberId} IS NOT NULL AND ${t.lineUserId} IS NULL)`,
    ),
  ],
);

/** The tier each member was last seen in, so the daily pushes notice an upgrade (and switch the rich menu). */
export const memberTierSnapshots = pgTable('member_tier_snapshots', {
  memberId: text('member_id').primaryKey(),
  tierId: text('tier_id').notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});

/**
 * One row per job and JST day: a second runner (or a restart) does not repeat the daily work. A
 * claim never finished (its runner died, or lost the database) is taken over once it is stale.
 */
export const jobRuns = pgTable('job_runs', {
  job: text('job').notNull(),
  jstDay: text('jst_day').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [uniqueIndex('job_runs_job_day').on(t.job, t.jstDay)]);
