import { bigint, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The dashboard's rollups (#17): figures per JST day (× store, × coupon kind), kept by triggers in
 * the transaction of the event itself (the hand-written SQL at the end of the migration). A hot
 * row (one store, one day, several registers) is split into 8 shards chosen by a hash of the
 * event's id; readers sum the shards. `dashboard/rollup-figures.ts` reads them, `figures.ts`
 * stays the set-based reference they are tested against, `dashboard/rollups.ts` rebuilds them.
 */

/**
 * One row once the rollups were built, with the programme rules they were built with (the top
 * tier's threshold and window); the triggers do nothing until it exists.
 */
export const dashboardRollupState = pgTable('dashboard_rollup_state', {
  id: smallint('id').primaryKey(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull(),
  topTierMinSpendYen: integer('top_tier_min_spend_yen').notNull(),
  tierWindowMonths: integer('tier_window_months').notNull(),
});

/**
 * Counters per JST day. `*Delta` columns change a running total (friends, active links, members
 * in the top tier): the figure as of a day is the sum of the deltas up to that day.
 */
export const dashboardDays = pgTable(
  'dashboard_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    shard: smallint('shard').notNull(),
    membersCreated: integer('members_created').notNull().default(0),
    profilesCompleted: integer('profiles_completed').notNull().default(0),
    links: integer('links').notNull().default(0),
    linkedDelta: integer('linked_delta').notNull().default(0),
    incentivesGranted: integer('incentives_granted').notNull().default(0),
    follows: integer('follows').notNull().default(0),
    unfollows: integer('unfollows').notNull().default(0),
    friendsDelta: integer('friends_delta').notNull().default(0),
    topTierDelta: integer('top_tier_delta').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.shard] })],
);

/** Coupons issued and redeemed per JST day and kind. */
export const dashboardCouponDays = pgTable(
  'dashboard_coupon_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    shard: smallint('shard').notNull(),
    issued: integer('issued').notNull().default(0),
    redeemed: integer('redeemed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.shard] })],
);

/** Standing (not voided) purchases and their spend per JST day and store. */
export const dashboardStoreDays = pgTable(
  'dashboard_store_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    storeId: text('store_id').notNull(),
    shard: smallint('shard').notNull(),
    purchases: integer('purchases').notNull().default(0),
    spendYen: bigint('spend_yen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.storeId, t.shard] })],
);

/**
 * Distinct shoppers: a member's shopping days at a store, counted by (day, the member's previous
 * shopping day there). The shoppers of [from, to] are the rows with from ≤ day ≤ to and
 * previous day < from: each member counts once, on their first day in the range. A previous day
 * further back than any range reaches is stored as 0001-01-01, as is "no previous day".
 */
export const dashboardStoreShoppers = pgTable(
  'dashboard_store_shoppers',
  {
    day: date('day', { mode: 'string' }).notNull(),
    storeId: text('store_id').notNull(),
    previousDay: date('previous_day', { mode: 'string' }).notNull(),
    shard: smallint('shard').notNull(),
    shoppers: integer('shoppers').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.storeId, t.previousDay, t.shard] })],
);

/** Each member's shopping days per store with the previous one: what `dashboard_store_shoppers` counts. */
export const dashboardStoreMemberDays = pgTable(
  'dashboard_store_member_days',
  {
    storeId: text('store_id').notNull(),
    memberId: uuid('member_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    previousDay: date('previous_day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.memberId, t.day] })],
);

/** Live points (not reversed lots' remaining points) by the hour their lot expires. */
export const dashboardPointsExpiry = pgTable(
  'dashboard_points_expiry',
  {
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    shard: smallint('shard').notNull(),
    points: bigint('points', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hour, t.shard] })],
);

/** Each LINE user's friend status changes per JST day (+1 became a friend, −1 stopped): summed into `friends_delta`. */
export const dashboardFriendChanges = pgTable(
  'dashboard_friend_changes',
  {
    lineUserId: text('line_user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    delta: integer('delta').notNull(),
  },
  (t) => [index('dashboard_friend_changes_user').on(t.lineUserId)],
);

/** Each member's entries into (+1) and exits from (−1) the top tier per JST day: summed into `top_tier_delta`. */
export const dashboardTopTierChanges = pgTable(
  'dashboard_top_tier_changes',
  {
    memberId: uuid('member_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    delta: integer('delta').notNull(),
  },
  (t) => [index('dashboard_top_tier_changes_member').on(t.memberId)],
);

/** Members with a LINE account, and those of them who are friends of the Official Account now (the 「メッセージが届く会員」 card). */
export const dashboardReachable = pgTable(
  'dashboard_reachable',
  {
    shard: smallint('shard').notNull(),
    members: integer('members').notNull().default(0),
    reachable: integer('reachable').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shard] })],
);
