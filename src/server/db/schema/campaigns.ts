import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';
import { staffAccounts } from './staff';

/**
 * Incentive campaigns (#17): for JST days `startsOn`..`endsOn` (or until an admin ends it
 * earlier, `endedAt`), a member who links a CRM membership gets `bonusPoints` on top of the
 * programme's link incentive. Campaigns of one kind never overlap (checked under a lock when one is
 * created).
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['link_bonus'] }).notNull(),
    name: text('name').notNull(),
    bonusPoints: integer('bonus_points').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** When an admin ended it before `endsOn` ran out. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => staffAccounts.id),
  },
  (t) => [
    index('campaigns_kind_start').on(t.kind, t.startsOn),
    check('campaigns_kind', sql`${t.kind} IN ('link_bonus')`),
    check('campaigns_bonus_positive', sql`${t.bonusPoints} > 0`),
    check('campaigns_window', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/** A campaign's bonus granted to a CRM membership: once per campaign and CRM member, whichever LINE account links it. */
export const campaignGrants = pgTable(
  'campaign_grants',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    crmMemberId: text('crm_member_id').notNull(),
    memberId: uuid('member_id').references(() => members.id),
    points: integer('points').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.crmMemberId] })],
);
