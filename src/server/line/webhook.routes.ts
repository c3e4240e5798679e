import { validateSignature } from '@line/bot-sdk';
import { Hono } from 'hono';
import { z } from 'zod';
import { hasControlCharacters } from '../../contract/text';
import { HttpError } from '../http/http-error';
import { recordWebhookFriendEvent, type FriendshipDeps } from './friendship.service';

export type LineWebhookRoutesDeps = FriendshipDeps & { line: { channelSecret: string } };

/** The envelope; each event is read on its own below, so one malformed event cannot sink its batch. */
const WebhookBodySchema = z.object({ destination: z.string(), events: z.array(z.unknown()) });

/** LINE user ids are `U` and 32 hex digits. */
const LineUserIdSchema = z.string().regex(/^U[0-9a-f]{32}$/);
/** Milliseconds since the epoch up to the end of year 9999: later years print as `+275760-…`, which PostgreSQL cannot read. */
const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Only what we use of a follow/unfollow event; other fields and other event types pass through untouched. */
const FriendEventSchema = z.looseObject({
  type: z.enum(['follow', 'unfollow']),
  timestamp: z.number().int().min(0).max(MAX_TIMESTAMP_MS),
  webhookEventId: z
    .string()
    .min(1)
    .max(128)
    .refine((id) => !hasControlCharacters(id)),
  source: z.looseObject({ type: z.string(), userId: LineUserIdSchema }),
});

const isFriendEvent = (event: unknown) => {
  const type = (event as { type?: unknown } | null)?.type;
  return type === 'follow' || type === 'unfollow';
};

/**
 * POST /api/line/webhook. The raw body must carry a valid X-Line-Signature (HMAC-SHA256 with the
 * channel secret, compared in constant time by the SDK); anything else is a 401 that changes
 * nothing. Follow/unfollow keep each user's friend status and an event log for block rates.
 *
 * A signed batch is LINE's own delivery, so a malformed event in it (a NUL in the user id, a
 * negative timestamp) is skipped with a warning and the batch still answers 200: a 4xx would make
 * LINE redeliver the same batch again and again (and the valid events beside it would be lost
 * with it). Only a signed body that is not a webhook at all is a 400.
 */
export function lineWebhookRoutes(deps: LineWebhookRoutesDeps) {
  return new Hono().post('/', async (c) => {
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
    for (const [index, candidate] of body.data.events.entries()) {
      if (!isFriendEvent(candidate)) continue;
      const parsed = FriendEventSchema.safeParse(candidate);
      if (!parsed.success) {
        // Which fields, never their values (a user id is personal data).
        c.get('log').warn({ event: index, fields: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'skipped a malformed LINE webhook event');
        continue;
      }
      const event = parsed.data;
      await recordWebhookFriendEvent(
        deps,
        { webhookEventId: event.webhookEventId, lineUserId: event.source.userId, kind: event.type, occurredAt: new Date(event.timestamp) },
        receivedAt,
      );
    }
    return c.json({ ok: true });
  });
}
