import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { lineOutbox } from '../../db/schema/line';
import { googleWalletObjects } from '../../db/schema/wallet';
import type { Tx } from '../../db/transaction';

export type GoogleWalletObjectRow = typeof googleWalletObjects.$inferSelect;

/** What a queued `google_wallet_patch` does: bring the object up to date, or void it (withdrawal). */
export type GoogleWalletPatchPayload = { action: 'update' | 'void' };

export async function findWalletObject(db: Database | Tx, memberId: string): Promise<GoogleWalletObjectRow | undefined> {
  const [row] = await db.select().from(googleWalletObjects).where(eq(googleWalletObjects.memberId, memberId));
  return row;
}

/** The member's object row, made on first ask (`objectId` random); an existing row is kept as it is. */
export async function findOrCreateWalletObject(
  db: Database,
  input: { memberId: string; objectId: string; tierId: string; now: Date },
): Promise<GoogleWalletObjectRow> {
  await db
    .insert(googleWalletObjects)
    .values({ memberId: input.memberId, objectId: input.objectId, pushedTierId: input.tierId, createdAt: input.now, updatedAt: input.now })
    .onConflictDoNothing({ target: googleWalletObjects.memberId });
  const row = await findWalletObject(db, input.memberId);
  if (!row) throw new Error('google_wallet_objects row vanished after insert');
  return row;
}

export async function recordPushedTier(db: Database, memberId: string, tierId: string, now: Date): Promise<void> {
  await db.update(googleWalletObjects).set({ pushedTierId: tierId, updatedAt: now }).where(eq(googleWalletObjects.memberId, memberId));
}

/** Marks the member's object INACTIVE; true when there was an active one. */
export async function deactivateWalletObject(db: Database | Tx, memberId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(googleWalletObjects)
    .set({ state: 'INACTIVE', updatedAt: now })
    .where(and(eq(googleWalletObjects.memberId, memberId), eq(googleWalletObjects.state, 'ACTIVE')))
    .returning({ memberId: googleWalletObjects.memberId });
  return rows.length > 0;
}

export async function hasActiveWalletObject(db: Database | Tx, memberId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(googleWalletObjects)
    .where(and(eq(googleWalletObjects.memberId, memberId), eq(googleWalletObjects.state, 'ACTIVE')))
    .limit(1);
  return rows.length > 0;
}

/**
 * An update already queued and not yet picked up reads the card when it is sent, so it covers
 * this change too: a burst of changes makes one PATCH, not one each. The row is locked until the
 * caller's transaction ends, so a runner (which claims with SKIP LOCKED) cannot send it with the
 * card as it was before this change.
 */
export async function hasUnclaimedUpdate(db: Database | Tx, memberId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(lineOutbox)
    .where(
      and(
        eq(lineOutbox.kind, 'google_wallet_patch'),
        eq(lineOutbox.memberId, memberId),
        eq(lineOutbox.status, 'pending'),
        eq(lineOutbox.attempts, 0),
        sql`${lineOutbox.payload}->>'action' = 'update'`,
      ),
    )
    .limit(1)
    .for('update');
  return rows.length > 0;
}

export async function enqueueWalletPatch(db: Database | Tx, input: { memberId: string; payload: GoogleWalletPatchPayload; now: Date }): Promise<void> {
  await db.insert(lineOutbox).values({
    causeKey: `google-wallet:${input.payload.action}:${input.memberId}:${randomUUID()}`,
    kind: 'google_wallet_patch',
    memberId: input.memberId,
    lineUserId: null,
    payload: input.payload,
    nextAttemptAt: input.now,
    retryKey: randomUUID(),
    createdAt: input.now,
  });
}
