import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { lineFriendEvents, lineFriends } from '../db/schema/line';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import type { Tx } from '../db/transaction';

/** Records a friend status seen at `at`; an older observation never overwrites a newer one (webhook or app). */
export async function recordFriendStatus(db: Database | Tx, status: { lineUserId: string; isFriend: boolean; at: Date }): Promise<void> {
  await db
    .insert(lineFriends)
    .values({ lineUserId: status.lineUserId, isFriend: status.isFriend, changedAt: status.at })
    .onConflictDoUpdate({
      target: lineFriends.lineUserId,
      set: { isFriend: status.isFriend, changedAt: status.at },
      setWhere: sql`${lineFriends.changedAt} < ${status.at.toISOString()}`,
    });
}

/**
 * Keeps a follow/unfollow event for the block-rate figures, once per webhook event id; false
 * for a redelivery.
 */
export async function recordFriendEvent(
  db: Database | Tx,
  event: { webhookEventId: string; lineUserId: string; kind: 'follow' | 'unfollow'; occurredAt: Date; receivedAt: Date },
): Promise<boolean> {
  const stored = await db.insert(lineFriendEvents).values(event).onConflictDoNothing().returning({ id: lineFriendEvents.id });
  return stored.length > 0;
}

/** A withdrawn LINE user: the friend record goes; friend events stay for block-rate figures, without the person. */
export async function forgetFriend(db: Database | Tx, lineUserId: string): Promise<void> {
  await db.delete(lineFriends).where(eq(lineFriends.lineUserId, lineUserId));
  await db.update(lineFriendEvents).set({ lineUserId: 'erased' }).where(eq(lineFriendEvents.lineUserId, lineUserId));
}

/** Consented to marketing messages and currently a friend of the official account. */
export async function mayReceivePush(db: Database, lineUserId: string): Promise<boolean> {
  const [row] = await db
    .select({ consent: memberProfiles.marketingConsent, friend: lineFriends.isFriend })
    .from(members)
    .innerJoin(memberProfiles, eq(memberProfiles.memberId, members.id))
    .innerJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(eq(members.lineUserId, lineUserId));
  return row?.consent === true && row.friend === true;
}
