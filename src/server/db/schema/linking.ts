import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/** The built-in CRM: existing memberships (paper cards, web members) that shoppers link. */
export const crmMembers = pgTable('crm_members', {
  id: text('id').primaryKey(),
  memberNumber: text('member_number').notNull().unique(),
  name: text('name').notNull(),
  birthday: date('birthday', { mode: 'string' }),
  phone: text('phone'),
  pointsBalance: integer('points_balance').notNull().default(0),
  /** Set when the programme retires the old number after a link. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

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
    // The dashboard's new links per day.
    index('member_links_linked_at').on(t.linkedAt),
  ],
);

/**
 * One row per CRM member and kind of one-time benefit (link incentive, points transfer): the
 * primary key makes "once per CRM member" hold across unlinks, relinks and other LINE accounts.
 */
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

/** Old member numbers that stay scannable after a link (programme config `linking.oldNumber`). */
export const memberNumberAliases = pgTable('member_number_aliases', {
  number: text('number').primaryKey(),
  memberId: uuid('member_id').notNull().references(() => members.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Every link / recovery attempt, unlink and withdrawal; failed attempts also feed the rate limit. */
export const membershipAudit = pgTable(
  'membership_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action: text('action', { enum: ['link_attempt', 'unlink', 'withdraw'] }).notNull(),
    outcome: text('outcome').notNull(),
    memberId: uuid('member_id'),
    /** Blanked by the daily job after the programme's `privacy.auditAddressRetentionDays`. */
    clientAddress: text('client_address'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('membership_audit_member_time').on(t.memberId, t.createdAt), index('membership_audit_address_time').on(t.clientAddress, t.createdAt)],
);

/**
 * Guesses at one membership (a member number, ours or the CRM's), counted across every LINE
 * account and client address. An attempt is reserved here before its second factor is checked,
 * under the row lock, so parallel guesses cannot slip past the limit in any process.
 */
export const linkTargetGuards = pgTable('link_target_guards', {
  target: text('target').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
