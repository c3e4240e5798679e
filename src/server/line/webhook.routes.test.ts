import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { lineFriendEvents, lineFriends } from '../db/schema/line';
import { captureLogs } from '../testing/captured-logs';
import { createTestApp, newLineUserId, TEST_LINE_CHANNEL_SECRET } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

const sign = (body: string, secret = TEST_LINE_CHANNEL_SECRET) => createHmac('sha256', secret).update(body).digest('base64');

function webhookBody(events: Array<{ type: 'follow' | 'unfollow'; userId: string; timestamp: number; id: string }>) {
  return JSON.stringify({
    destination: 'Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    events: events.map((e) => ({
      type: e.type,
      mode: 'active',
      timestamp: e.timestamp,
      webhookEventId: e.id,
      deliveryContext: { isRedelivery: false },
      source: { type: 'user', userId: e.userId },
      ...(e.type === 'follow' ? { replyToken: 'r', follow: { isUnblocked: false } } : {}),
    })),
  });
}

describe.each(testDatabaseTargets())('LINE webhook on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const logs = captureLogs();
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { logger: logs.logger });
  });
  afterAll(async () => {
    await database.close();
  });

  const post = (body: string, signature: string | null) =>
    t.app.request('/api/line/webhook', { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) }, body });
  const friend = async (userId: string) => (await database.db.select().from(lineFriends).where(eq(lineFriends.lineUserId, userId)))[0];

  it('keeps friend status from follow and unfollow events, with every event stored', async () => {
    const userId = newLineUserId();
    const follow = webhookBody([{ type: 'follow', userId, timestamp: 1_700_000_000_000, id: `01H${userId}a` }]);
    expect((await post(follow, sign(follow))).status).toBe(200);
    expect(await friend(userId)).toMatchObject({ isFriend: true });
    const unfollow = webhookBody([{ type: 'unfollow', userId, timestamp: 1_700_000_100_000, id: `01H${userId}b` }]);
    expect((await post(unfollow, sign(unfollow))).status).toBe(200);
    expect(await friend(userId)).toMatchObject({ isFriend: false, changedAt: new Date(1_700_000_100_000) });
    expect(await database.db.$count(lineFriendEvents, eq(lineFriendEvents.lineUserId, userId))).toBe(2);
  });

  it('stores a redelivered event once, and an older event arriving late does not overwrite a newer status', async () => {
    const userId = newLineUserId();
    const unfollow = webhookBody([{ type: 'unfollow', userId, timestamp: 2_000, id: `01H${userId}u` }]);
    const lateFollow = webhookBody([{ type: 'follow', userId, timestamp: 1_000, id: `01H${userId}f` }]);
    await post(unfollow, sign(unfollow));
    await post(unfollow, sign(unfollow));
    await post(lateFollow, sign(lateFollow));
    expect(await friend(userId)).toMatchObject({ isFriend: false });
    expect(await database.db.$count(lineFriendEvents, eq(lineFriendEvents.lineUserId, userId))).toBe(2);
  });

  it.each([
    ['no signature', null],
    ['a signature made with another secret', 'other-secret'],
    ['a signature of another body', 'other-body'],
    ['garbage', 'not base64 at all!!'],
  ])('answers %s with 401 and changes nothing', async (_case, kind) => {
    const userId = newLineUserId();
    const body = webhookBody([{ type: 'follow', userId, timestamp: 3_000, id: `01H${userId}x` }]);
    const signature =
      kind === null ? null : kind === 'other-secret' ? sign(body, 'other-secret') : kind === 'other-body' ? sign(body.replace('follow', 'unfollow')) : kind;
    const response = await post(body, signature);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    expect(await friend(userId)).toBeUndefined();
    expect(await database.db.$count(lineFriendEvents, eq(lineFriendEvents.lineUserId, userId))).toBe(0);
  });

  it('answers a signed body that is not a webhook with 400, and accepts LINE’s empty verification call', async () => {
    const bad = '{"hello":1}';
    expect((await post(bad, sign(bad))).status).toBe(400);
    const verify = JSON.stringify({ destination: 'U1', events: [] });
    expect((await post(verify, sign(verify))).status).toBe(200);
  });

  it('skips malformed events of a signed batch (NUL or control characters in ids, impossible timestamps) with 200, keeps the valid ones, logs no user id', async () => {
    const valid = newLineUserId();
    const malformedIds = [`${newLineUserId()}\u0000`, 'U\u0000', `${newLineUserId().slice(0, -1)}\n`, 'not-a-line-user', ''];
    const events = [
      ...malformedIds.map((userId, i) => ({ type: 'follow' as const, userId, timestamp: 1_700_000_000_000, id: `01Hbad${i}${valid}` })),
      ...[-1, -8.64e15, 1e20, 8.64e15, 1.5].map((timestamp, i) => ({ type: 'follow' as const, userId: newLineUserId(), timestamp, id: `01Hts${i}${valid}` })),
      { type: 'follow' as const, userId: newLineUserId(), timestamp: 1_700_000_000_000, id: `01H\u0000${valid}` },
      { type: 'follow' as const, userId: valid, timestamp: 1_700_000_000_000, id: `01Hgood${valid}` },
    ];
    const body = webhookBody(events);
    const before = await database.db.$count(lineFriendEvents);
    const response = await post(body, sign(body));
    expect(response.status).toBe(200);
    expect(await friend(valid)).toMatchObject({ isFriend: true });
    expect(await database.db.$count(lineFriendEvents)).toBe(before + 1);
    const warnings = logs.lines().filter((line) => line.msg === 'skipped a malformed LINE webhook event');
    expect(warnings).toHaveLength(events.length - 1);
    expect(warnings.every((line) => typeof line.requestId === 'string' && line.requestId === response.headers.get('x-request-id'))).toBe(true);
    for (const event of events) expect(logs.text()).not.toContain(event.userId || '\u0000');
  });
});
