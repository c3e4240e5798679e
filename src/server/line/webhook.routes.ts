import { validateSignature } from '@line/bot-sdk';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { lineFriendEvents, lineFriends } from '../db/schema/line';
import type { AppDeps, AppEnv } from '../http/app-deps';
import { HttpError } from '../http/http-error';

/** Only what we use of LINE's webhook body; other event types pass through untouched. */
const WebhookBodySchema = z.object({
  destination: z.string(),
  events: z.array(
    z.looseObject({
      type: z.string(),
      timestamp: z.number().int(),
      webhookEventId: z.string().min(1),
      source: z.looseObject({ type: z.string(), userId: z.string().optional() }).optional(),
    }),
  ),
});

/**
 * POST /api/line/webhook. The raw body must carry a valid X-Line-Signature (HMAC-SHA256 with the
 * channel secret, compared in constant time by the SDK); anything else is a 401 that changes
 * nothing. Follow/unfollow keep each user's friend status and an event log for block rates.
 */
export function lineWebhookRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const rawBody = await c.req.text();
    const signature = c.req.header('x-line-signature');
    if (!signature || !validateSignature(rawBody, deps.line.channelSecret, signature)) {
      throw new HttpError(401, 'invalid_signature', 'The X-Line-Signature header does not match the body.');
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new HttpError(400, 'bad_request', 'The webhook body is not JSON.');
    }
    const body = WebhookBodySchema.safeParse(json);
    if (!body.success) throw new HttpError(400, 'invalid_request', 'The webhook body is not a LINE webhook.');

    const receivedAt = deps.clock();
    for (const event of body.data.events) {
      const lineUserId = event.source?.userId;
      if ((event.type !== 'follow' && event.type !== 'unfollow') || !lineUserId) continue;
      const occurredAt = new Date(event.timestamp);
      const isFriend = event.type === 'follow';
      await deps.db.transaction(async (tx) => {
        const stored = await tx
          .insert(lineFriendEvents)
          .values({ webhookEventId: event.webhookEventId, lineUserId, kind: event.type as 'follow' | 'unfollow', occurredAt, receivedAt })
          .onConflictDoNothing()
          .returning({ id: lineFriendEvents.id });
        if (stored.length === 0) return; // a redelivery
        // Redeliveries can arrive out of order: only a newer event changes the status.
        await tx
          .insert(lineFriends)
          .values({ lineUserId, isFriend, changedAt: occurredAt })
          .onConflictDoUpdate({
            target: lineFriends.lineUserId,
            set: { isFriend, changedAt: occurredAt },
            setWhere: sql`${lineFriends.changedAt} < ${occurredAt.toISOString()}`,
          });
      });
    }
    return c.json({ ok: true });
  });
}
