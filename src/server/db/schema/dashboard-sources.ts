import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/**
 * The tables of issue #5 (LINE friend events, CRM links, link benefits, member profiles) that the
 * dashboard's figures read, copied column for column from branch issue-5-line (schema/line.ts,
 * linking.ts, profile.ts) so this branch can build and test its figures before the merge.
 * At merge time this whole file is deleted in favour of issue #5's definitions; nothing else changes.
 */

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
  (t) => [
    index('line_friend_events_user_time').on(t.lineUserId, t.occurredAt),
    // Issue #6 adds this one: blocks per day scan a time range.
    index('line_friend_events_time').on(t.occurredAt),
  ],
);

/** Which CRM membership a member has linked; at most one active link per CRM member and per member. */
export const memberLinks = pgTable(
  'member_links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id').notNull().references(() => members.id),
    crmMemberId: text('crm_member_id').notNull(),
    crmMemberNumber: text('crm_member_number').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
    unlinkedAt: timestamp('unlinked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('member_links_active_crm').on(t.crmMemberId).where(sql`${t.unlinkedAt} IS NULL`),
    uniqueIndex('member_links_active_member').on(t.memberId).where(sql`${t.unlinkedAt} IS NULL`),
    // Issue #6 adds this one: new links per day scan a time range.
    index('member_links_linked_at').on(t.linkedAt),
  ],
);

/** One row per CRM member and kind of one-time benefit (link incentive, points transfer). */
export const crmMemberBenefits = pgTable(
  'crm_member_benefits',
  {
    crmMemberId: text('crm_member_id').notNull(),
    kind: text('kind', { enum: ['link_incentive', 'points_transfer'] }).notNull(),
    memberId: uuid('member_id').references(() => members.id),
    points: integer('points').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.crmMemberId, t.kind] }), index('crm_member_benefits_granted_at').on(t.grantedAt), check('crm_member_benefits_kind', sql`${t.kind} IN ('link_incentive', 'points_transfer')`)],
);

/** The profile a member completes after ID-first registration (issue #5). */
export const memberProfiles = pgTable('member_profiles', {
  memberId: uuid('member_id').primaryKey().references(() => members.id),
  fullName: text('full_name').notNull(),
  kana: text('kana').notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  postalCode: text('postal_code').notNull(),
  marketingConsent: boolean('marketing_consent').notNull(),
  termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }).notNull(),
  birthdayChanges: integer('birthday_changes').notNull().default(0),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
