import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
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
