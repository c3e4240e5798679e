import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { lineOutbox } from '../db/schema/line';
import type { Tx } from '../db/transaction';
import type { LineMessage } from './line-client';

/**
 * Enqueues a push. The unique cause key (e.g. `link-completed:<crmMemberId>`) makes each cause
 * produce at most one message, however often the caller runs. Pass the caller's transaction so
 * the message exists exactly when the change it announces does.
 */
export async function enqueuePush(
  tx: Tx | Database,
  input: { causeKey: string; lineUserId: string; messages: LineMessage[]; now: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(lineOutbox)
    .values({
      causeKey: input.causeKey,
      kind: 'push',
      lineUserId: input.lineUserId,
      payload: { messages: input.messages },
      nextAttemptAt: input.now,
      retryKey: randomUUID(),
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ id: lineOutbox.id });
  return rows.length > 0;
}

/** Enqueues a rich-menu switch; each state change is its own cause (`rich-menu:<user>:<menu>:<at>`). */
export async function enqueueRichMenu(tx: Tx | Database, input: { lineUserId: string; richMenuId: string | null; now: Date }) {
  await tx
    .insert(lineOutbox)
    .values({
      causeKey: `rich-menu:${input.lineUserId}:${input.richMenuId ?? 'default'}:${input.now.getTime()}`,
      kind: 'rich_menu',
      lineUserId: input.lineUserId,
      payload: { richMenuId: input.richMenuId },
      nextAttemptAt: input.now,
      retryKey: randomUUID(),
      createdAt: input.now,
    })
    .onConflictDoNothing();
}

/** A withdrawn LINE user is never messaged again, and queued messages stop naming them. */
export async function eraseOutboxRecipient(tx: Tx | Database, lineUserId: string): Promise<void> {
  await tx
    .update(lineOutbox)
    .set({ status: sql`CASE WHEN ${lineOutbox.status} = 'pending' THEN 'skipped' ELSE ${lineOutbox.status} END`, lineUserId: 'erased', payload: {} })
    .where(eq(lineOutbox.lineUserId, lineUserId));
}

export type OutboxRow = typeof lineOutbox.$inferSelect;

/**
 * Claims up to `limit` due messages for one runner: each claimed row counts an attempt and is
 * invisible to other runners until `leaseUntil` (SKIP LOCKED: runners never wait on each other).
 */
export async function claimDueMessages(db: Database, now: Date, limit: number, leaseUntil: Date): Promise<OutboxRow[]> {
  return db
    .update(lineOutbox)
    .set({ nextAttemptAt: leaseUntil, attempts: sql`${lineOutbox.attempts} + 1` })
    .where(
      inArray(
        lineOutbox.id,
        sql`(SELECT ${lineOutbox.id} FROM ${lineOutbox} WHERE ${lineOutbox.status} = 'pending' AND ${lineOutbox.nextAttemptAt} <= ${now.toISOString()}
             ORDER BY ${lineOutbox.id} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
      ),
    )
    .returning();
}

export async function finishMessage(db: Database, id: number, outcome: { status: 'sent' | 'skipped' | 'failed'; lastError: string | null; doneAt: Date }): Promise<void> {
  await db.update(lineOutbox).set(outcome).where(eq(lineOutbox.id, id));
}

export async function postponeMessage(db: Database, id: number, retry: { lastError: string; nextAttemptAt: Date }): Promise<void> {
  await db.update(lineOutbox).set(retry).where(eq(lineOutbox.id, id));
}

/** Puts a claimed row back, due at `nextAttemptAt`, without counting the attempt (it was never tried). */
export async function releaseMessage(db: Database, id: number, nextAttemptAt: Date): Promise<void> {
  await db
    .update(lineOutbox)
    .set({ nextAttemptAt, attempts: sql`greatest(${lineOutbox.attempts} - 1, 0)` })
    .where(eq(lineOutbox.id, id));
}
