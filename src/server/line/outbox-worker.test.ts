import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockLineApi, type MockLineApi } from '../../../mocks/line-api-server';
import type { DatabaseHandle } from '../db/database';
import { lineFriends, lineOutbox } from '../db/schema/line';
import { crmMembers } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { runJobTick } from '../jobs/jobs';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { createLineClient } from './line-client';
import { drainOutbox } from './outbox-worker';
import { enqueuePush, enqueueRichMenu } from './outbox.repository';

const json = { 'content-type': 'application/json' };
const TOKEN = 'test-channel-access-token';
const profile = (consent: boolean) => ({
  familyName: '送信',
  givenName: 'テスト',
  familyKana: 'ソウシン',
  givenKana: 'テスト',
  birthday: '1990-04-12',
  phone: '09000000000',
  email: 'push@example.jp',
  postalCode: '1000001',
  prefecture: '東京都',
  city: '千代田区',
  street: '1-1-1',
  building: '',
  marketingConsent: consent,
  termsAccepted: true,
});

describe.each(testDatabaseTargets())('LINE outbox and job runner on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let lineApi: MockLineApi;
  let drain: () => ReturnType<typeof drainOutbox>;
  let counter = 0;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { richMenus: { linked: 'richmenu-linked', unlinked: 'richmenu-unlinked', REINE: 'richmenu-reine' } });
    lineApi = await startMockLineApi({ channelAccessToken: TOKEN });
    const line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: TOKEN, timeoutMs: 2000 });
    drain = () => drainOutbox({ db: database.db, line, clock: t.clock.now });
  });
  afterAll(async () => {
    await lineApi.close();
    await database.close();
  });
  beforeEach(async () => {
    lineApi.calls.length = 0;
    lineApi.failNext(0, 500);
    // Leave nothing due from an earlier test.
    await database.db.update(lineOutbox).set({ status: 'skipped' }).where(eq(lineOutbox.status, 'pending'));
  });

  /** A member who completed the profile (with or without consent) and, optionally, follows the account. */
  async function shopper(options: { consent: boolean; friend: boolean }) {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    await t.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie }, body: JSON.stringify(profile(options.consent)) });
    await database.db.insert(lineFriends).values({ lineUserId, isFriend: options.friend, changedAt: t.clock.now() });
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    return { lineUserId, cookie, memberId: member!.id };
  }

  async function linkPaperCard(cookie: string) {
    counter += 1;
    const crm = { id: `crm-o${Date.now()}${counter}`, memberNumber: `66${Date.now()}${counter}`.slice(0, 14), name: 'x', birthday: '1970-01-01', phone: null, pointsBalance: 250 };
    await database.db.insert(crmMembers).values(crm);
    return t.app.request('/api/me/link', {
      method: 'POST',
      headers: { ...json, cookie, 'x-forwarded-for': `198.51.100.${counter}` },
      body: JSON.stringify({ memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } }),
    });
  }

  it('delivers the link-completed push and the linked rich menu to a consenting friend, once', async () => {
    const s = await shopper({ consent: true, friend: true });
    expect((await linkPaperCard(s.cookie)).status).toBe(200);
    expect(await drain()).toEqual({ sent: 2, skipped: 0, retried: 0, failed: 0 });
    expect(await drain()).toEqual({ sent: 0, skipped: 0, retried: 0, failed: 0 });
    const push = lineApi.calls.find((c) => c.kind === 'push' && c.to === s.lineUserId)!;
    expect(JSON.stringify(push.body)).toContain('連携が完了しました');
    expect(JSON.stringify(push.body)).toContain('250 pt');
    expect(push.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(lineApi.calls).toContainEqual(expect.objectContaining({ kind: 'link_rich_menu', to: s.lineUserId, body: { richMenuId: 'richmenu-linked' } }));
  });

  it.each([
    ['did not consent', { consent: false, friend: true }],
    ['blocked the account', { consent: true, friend: false }],
  ])('sends no push to a member who %s (the rich menu still switches)', async (_case, options) => {
    const s = await shopper(options);
    await linkPaperCard(s.cookie);
    expect(await drain()).toMatchObject({ sent: 1, skipped: 1 });
    expect(lineApi.calls.filter((c) => c.kind === 'push')).toEqual([]);
  });

  it('a LINE outage never fails the shopper; the push is retried with backoff and sent once LINE is back', async () => {
    const s = await shopper({ consent: true, friend: true });
    lineApi.failNext(100, 500);
    expect((await linkPaperCard(s.cookie)).status).toBe(200);
    expect(await drain()).toMatchObject({ retried: 2 });
    const [row] = (await database.db.select().from(lineOutbox).where(eq(lineOutbox.lineUserId, s.lineUserId))).filter((r) => r.kind === 'push');
    expect(row!.attempts).toBe(1);
    expect(row!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(30_000);
    expect(await drain()).toMatchObject({ sent: 0, retried: 0 }); // not due yet
    t.clock.advance(30_000);
    expect(await drain()).toMatchObject({ retried: 2 });
    const [again] = await database.db.select().from(lineOutbox).where(eq(lineOutbox.id, row!.id));
    expect(again!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(60_000);
    lineApi.failNext(0, 500);
    t.clock.advance(60_000);
    expect(await drain()).toMatchObject({ sent: 2 });
    expect(lineApi.calls.filter((c) => c.kind === 'push' && c.to === s.lineUserId)).toHaveLength(1);
  });

  it('honours Retry-After on a 429', async () => {
    const s = await shopper({ consent: true, friend: true });
    await enqueuePush(database.db, { causeKey: `test-429:${s.memberId}`, lineUserId: s.lineUserId, messages: [{ type: 'text', text: 'hi' }], now: t.clock.now() });
    lineApi.failNext(1, 429, 600);
    expect(await drain()).toMatchObject({ retried: 1 });
    const [row] = await database.db.select().from(lineOutbox).where(eq(lineOutbox.causeKey, `test-429:${s.memberId}`));
    expect(row!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(600_000);
    expect(row!.lastError).toContain('429');
  });

  it('gives up at once on a permanent refusal (400) and keeps the reason', async () => {
    const s = await shopper({ consent: true, friend: true });
    await enqueuePush(database.db, { causeKey: `test-400:${s.memberId}`, lineUserId: s.lineUserId, messages: [], now: t.clock.now() });
    expect(await drain()).toMatchObject({ failed: 1 });
    const [row] = await database.db.select().from(lineOutbox).where(eq(lineOutbox.causeKey, `test-400:${s.memberId}`));
    expect(row).toMatchObject({ status: 'failed', lastError: expect.stringContaining('400') });
  });

  it('queues each cause once, however often it is enqueued', async () => {
    const s = await shopper({ consent: true, friend: true });
    const enqueue = () => enqueuePush(database.db, { causeKey: `test-once:${s.memberId}`, lineUserId: s.lineUserId, messages: [{ type: 'text', text: 'once' }], now: t.clock.now() });
    expect(await Promise.all([enqueue(), enqueue(), enqueue()])).toEqual(expect.arrayContaining([true, false, false]));
    await drain();
    expect(lineApi.calls.filter((c) => c.to === s.lineUserId)).toHaveLength(1);
  });

  it('unlinks the rich menu when asked for the default menu', async () => {
    const s = await shopper({ consent: false, friend: true });
    await enqueueRichMenu(database.db, { lineUserId: s.lineUserId, richMenuId: null, now: t.clock.now() });
    await drain();
    expect(lineApi.calls).toEqual([expect.objectContaining({ kind: 'unlink_rich_menu', to: s.lineUserId })]);
  });

  it('the daily tick runs once per JST day and queues expiring-points, tier-gap, tier-upgrade pushes once per cause', async () => {
    const s = await shopper({ consent: true, friend: true });
    const line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: TOKEN });
    const jobDeps = { db: database.db, loyalty: t.deps.loyalty, program: t.deps.program, clock: t.clock.now, line, richMenus: t.deps.line.richMenus };
    await t.deps.loyalty.recordPurchase({ memberId: s.memberId, storeId: 'S1', receiptId: `r-${s.memberId}-1`, amountYen: 45_000 });

    const first = await runJobTick(jobDeps);
    expect(first.daily!.pushes.tierGap).toBeGreaterThanOrEqual(1);
    expect(await runJobTick(jobDeps)).toMatchObject({ daily: null });
    const gapPush = lineApi.calls.find((c) => c.to === s.lineUserId && JSON.stringify(c.body).includes('あと'))!;
    expect(JSON.stringify(gapPush.body)).toContain('あと ¥5,000 のお買い上げで REINE');

    await t.deps.loyalty.recordPurchase({ memberId: s.memberId, storeId: 'S1', receiptId: `r-${s.memberId}-2`, amountYen: 6_000 });
    t.clock.advance(24 * 60 * 60 * 1000);
    const second = await runJobTick(jobDeps);
    expect(second.daily!.pushes.tierUpgrade).toBe(1);
    expect(lineApi.calls).toContainEqual(expect.objectContaining({ kind: 'link_rich_menu', to: s.lineUserId, body: { richMenuId: 'richmenu-reine' } }));
    // A link later keeps the tier's menu (the tier wins over the link state).
    await linkPaperCard(s.cookie);
    const menus = (await database.db.select().from(lineOutbox).where(eq(lineOutbox.lineUserId, s.lineUserId))).filter((r) => r.kind === 'rich_menu');
    expect(menus.at(-1)!.payload).toEqual({ richMenuId: 'richmenu-reine' });

    // A year on, the lots (earned in November, expiring end of next November) expire within 30 days: one reminder, not one per day.
    t.clock.advance(345 * 24 * 60 * 60 * 1000);
    const expiringFor = async () => (await database.db.select().from(lineOutbox).where(eq(lineOutbox.lineUserId, s.lineUserId))).filter((r) => r.causeKey.startsWith('points-expiring:'));
    expect((await runJobTick(jobDeps)).daily!.pushes.pointsExpiring).toBeGreaterThanOrEqual(1);
    expect(await expiringFor()).toHaveLength(1);
    t.clock.advance(24 * 60 * 60 * 1000);
    expect((await runJobTick(jobDeps)).daily).not.toBeNull();
    expect(await expiringFor()).toHaveLength(1);
    expect(JSON.stringify((await expiringFor())[0]!.payload)).toContain('2027-11-30 に失効');
  });
  it('hands the kinds beyond LINE pushes to their delivery: skipped when none is configured, retried when it throws, never a LINE call', async () => {
    const s = await shopper({ consent: true, friend: true });
    const walletRow = async (causeKey: string) => {
      await database.db.insert(lineOutbox).values({
        causeKey, kind: 'apns_pass_update', memberId: s.memberId, payload: {}, nextAttemptAt: t.clock.now(), retryKey: causeKey, createdAt: t.clock.now(),
      });
      const [row] = await database.db.select().from(lineOutbox).where(eq(lineOutbox.causeKey, causeKey));
      return row!.id;
    };
    const line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: TOKEN, timeoutMs: 2000 });
    const statusOf = async (id: number) => (await database.db.select().from(lineOutbox).where(eq(lineOutbox.id, id)))[0]!;

    const unconfigured = await walletRow(`test-delivery-none:${s.memberId}`);
    expect(await drainOutbox({ db: database.db, line, clock: t.clock.now })).toMatchObject({ skipped: 1, sent: 0 });
    expect(await statusOf(unconfigured)).toMatchObject({ status: 'skipped', lastError: 'no delivery configured for apns_pass_update' });

    const delivered: number[] = [];
    let failOnce = true;
    const deliveries = {
      apns_pass_update: async (row: { id: number }) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('APNs answered 503');
        }
        delivered.push(row.id);
        return 'sent' as const;
      },
    };
    const flaky = await walletRow(`test-delivery-flaky:${s.memberId}`);
    expect(await drainOutbox({ db: database.db, line, clock: t.clock.now, deliveries })).toMatchObject({ retried: 1 });
    expect(await statusOf(flaky)).toMatchObject({ status: 'pending', lastError: expect.stringContaining('503') });
    t.clock.advance(60 * 60_000);
    expect(await drainOutbox({ db: database.db, line, clock: t.clock.now, deliveries })).toMatchObject({ sent: 1 });
    expect(delivered).toEqual([flaky]);
    expect(lineApi.calls).toHaveLength(0);

    // The recipient check: a Wallet update must name a member and no LINE user; a push must name its LINE user.
    await expect(
      database.db.insert(lineOutbox).values({ causeKey: 'bad-wallet', kind: 'google_wallet_patch', payload: {}, nextAttemptAt: t.clock.now(), retryKey: 'x', createdAt: t.clock.now() }),
    ).rejects.toThrow();
    await expect(
      database.db.insert(lineOutbox).values({ causeKey: 'bad-push', kind: 'push', payload: {}, nextAttemptAt: t.clock.now(), retryKey: 'x', createdAt: t.clock.now() }),
    ).rejects.toThrow();
  });
});
