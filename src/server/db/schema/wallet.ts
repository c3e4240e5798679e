import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members';

/**
 * The Google Wallet loyalty object a member was handed a "Save to Google Wallet" link for. Only
 * members with a row get updates queued (loyalty's onCardChanged looks here first). `objectId` is
 * random, not the member id: it travels to Google and into the shopper's phone.
 */
export const googleWalletObjects = pgTable(
  'google_wallet_objects',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id),
    /** `<issuer id>.<suffix>` as Google Wallet names objects. */
    objectId: text('object_id').notNull().unique(),
    /** The tier the object showed after the last successful push: a different tier now is a tier change (the only update that notifies). */
    pushedTierId: text('pushed_tier_id'),
    /** ACTIVE; INACTIVE after withdrawal (the link is no longer served, the object is voided at Google). */
    state: text('state', { enum: ['ACTIVE', 'INACTIVE'] }).notNull().default('ACTIVE'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('google_wallet_objects_state', sql`${t.state} IN ('ACTIVE', 'INACTIVE')`)],
);
