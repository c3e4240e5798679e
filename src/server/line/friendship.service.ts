import type { Database } from '../db/database';
import { recordFriendEvent, recordFriendStatus } from './line-friends.repository';

export type FriendshipDeps = { db: Database; clock: () => Date };

export type FriendEvent = { webhookEventId: string; lineUserId: string; kind: 'follow' | 'unfollow'; occurredAt: Date };

/**
 * A follow/unfollow from the webhook: kept once per event id for block rates, and the user's
 * friend status follows it unless a newer observation is already stored (redeliveries can arrive
 * out of order).
 */
export async function recordWebhookFriendEvent(deps: FriendshipDeps, event: FriendEvent, receivedAt: Date): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await recordFriendEvent(tx, { ...event, receivedAt }))) return; // a redelivery
    await recordFriendStatus(tx, { lineUserId: event.lineUserId, isFriend: event.kind === 'follow', at: event.occurredAt });
  });
}

/** The app's own report of liff.getFriendship(), for a member with a LINE account. */
export async function reportFriendship(deps: FriendshipDeps, lineUserId: string, isFriend: boolean): Promise<void> {
  await recordFriendStatus(deps.db, { lineUserId, isFriend, at: deps.clock() });
}
