import type { Database } from '../db/database';
import { LineSendError, type LineClient, type LineMessage } from './line-client';
import { mayReceivePush } from './line-friends.repository';
import type { OutboxKind } from '../db/schema/line';
import { claimDueMessages, finishMessage, postponeMessage, releaseMessage, type OutboxRow } from './outbox.repository';

/**
 * How the kinds beyond LINE's own pushes are delivered (a multicast, an APNs push, a Google
 * Wallet PATCH), given by whoever builds the job runner. A delivery throws LineSendError (or any
 * error: retried) to fail; returning 'skipped' says there was nothing to send.
 */
export type OutboxDelivery = (row: OutboxRow) => Promise<'sent' | 'skipped'>;
export type OutboxDeliveries = Partial<Record<Exclude<OutboxKind, 'push' | 'rich_menu'>, OutboxDelivery>>;

const BATCH_SIZE = 50;
/**
 * One drain keeps claiming batches while they come back full, for up to this long: a segment send
 * of 100,000 is 200 multicast rows (or 100,000 pushes), which must not wait a tick per 50 rows.
 */
const DRAIN_BUDGET_MS = 45_000;
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
export async function drainOutbox(deps: { db: Database; line: LineClient; clock: () => Date; deliveries?: OutboxDeliveries; budgetMs?: number }): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, skipped: 0, retried: 0, failed: 0 };
  const started = deps.clock().getTime();
  const budgetMs = deps.budgetMs ?? DRAIN_BUDGET_MS;
  for (;;) {
    const now = deps.clock();
    const claimed = await claimDueMessages(deps.db, now, BATCH_SIZE, new Date(now.getTime() + CLAIM_LEASE_MS));
    const pausedUntil = await sendClaimed(deps, claimed, report);
    if (pausedUntil || claimed.length < BATCH_SIZE || deps.clock().getTime() - started >= budgetMs) return report;
  }
}

/**
 * Sends one claimed batch. A 429 pauses the rest of it: those rows are released until LINE's
 * Retry-After (their attempt given back, they did not fail) and the drain stops there.
 */
async function sendClaimed(deps: Parameters<typeof drainOutbox>[0], claimed: OutboxRow[], report: DrainReport): Promise<Date | null> {
  let pausedUntil: Date | null = null;
  for (const row of claimed) {
    if (pausedUntil) {
      await releaseMessage(deps.db, row.id, pausedUntil);
      continue;
    }
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
      // A rate limit is not an outage: LINE's Retry-After alone says when to try again.
      const rateLimited = sendError.status === 429 && sendError.retryAfterMs !== null;
      const nextAttemptAt = new Date(deps.clock().getTime() + (rateLimited ? sendError.retryAfterMs! : retryDelayMs(row.attempts, sendError.retryAfterMs)));
      await postponeMessage(deps.db, row.id, { lastError: sendError.message, nextAttemptAt });
      report.retried += 1;
      if (sendError.status === 429) pausedUntil = nextAttemptAt;
    }
  }
  return pausedUntil;
}
