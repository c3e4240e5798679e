import type { Database } from '../db/database';
import { LineSendError, type LineClient, type LineMessage } from './line-client';
import { mayReceivePush } from './line-friends.repository';
import type { OutboxKind } from '../db/schema/line';
import { claimDueMessages, finishMessage, postponeMessage, type OutboxRow } from './outbox.repository';

/**
 * How the kinds beyond LINE's own pushes are delivered (a multicast, an APNs push, a Google
 * Wallet PATCH), given by whoever builds the job runner. A delivery throws LineSendError (or any
 * error: retried) to fail; returning 'skipped' says there was nothing to send.
 */
export type OutboxDelivery = (row: OutboxRow) => Promise<'sent' | 'skipped'>;
export type OutboxDeliveries = Partial<Record<Exclude<OutboxKind, 'push' | 'rich_menu'>, OutboxDelivery>>;

const BATCH_SIZE = 50;
/** A claimed row is invisible to other runners this long; a runner that dies mid-send is retried after it. */
const CLAIM_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 12;

export function retryDelayMs(attempts: number, retryAfterMs: number | null): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return Math.max(backoff, retryAfterMs ?? 0);
}

export type DrainReport = { sent: number; skipped: number; retried: number; failed: number };

/**
 * Sends what is due in the outbox. Pushes go only to members who consented to messages and are
 * friends of the account at send time (they may have blocked since). Failures are retried with
 * exponential backoff (LINE's Retry-After wins when longer); a permanent refusal or too many
 * attempts ends as `failed`. Nothing here ever reaches a shopper's request.
 */
export async function drainOutbox(deps: { db: Database; line: LineClient; clock: () => Date; deliveries?: OutboxDeliveries }): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, skipped: 0, retried: 0, failed: 0 };
  const now = deps.clock();
  const claimed = await claimDueMessages(deps.db, now, BATCH_SIZE, new Date(now.getTime() + CLAIM_LEASE_MS));

  for (const row of claimed) {
    const finish = (status: 'sent' | 'skipped' | 'failed', lastError: string | null = null) =>
      finishMessage(deps.db, row.id, { status, lastError, doneAt: deps.clock() });
    try {
      if (row.kind === 'push' || row.kind === 'rich_menu') {
        // The recipient check guarantees LINE's kinds name their user.
        const lineUserId = row.lineUserId!;
        if (row.kind === 'push') {
          if (!(await mayReceivePush(deps.db, lineUserId))) {
            await finish('skipped', 'not a consenting friend at send time');
            report.skipped += 1;
            continue;
          }
          await deps.line.push(lineUserId, (row.payload as { messages: LineMessage[] }).messages, row.retryKey);
        } else {
          await deps.line.setRichMenu(lineUserId, (row.payload as { richMenuId: string | null }).richMenuId);
        }
      } else {
        const deliver = deps.deliveries?.[row.kind];
        if (!deliver) {
          // Not configured (e.g. the brand has no Wallet issuer): nothing to send, nothing to retry.
          await finish('skipped', `no delivery configured for ${row.kind}`);
          report.skipped += 1;
          continue;
        }
        if ((await deliver(row)) === 'skipped') {
          await finish('skipped');
          report.skipped += 1;
          continue;
        }
      }
      await finish('sent');
      report.sent += 1;
    } catch (error) {
      const sendError = error instanceof LineSendError ? error : new LineSendError(String(error), true, null);
      if (!sendError.retryable || row.attempts >= MAX_ATTEMPTS) {
        await finish('failed', sendError.message);
        report.failed += 1;
        continue;
      }
      await postponeMessage(deps.db, row.id, { lastError: sendError.message, nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(row.attempts, sendError.retryAfterMs)) });
      report.retried += 1;
    }
  }
  return report;
}
