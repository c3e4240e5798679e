import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockLineApi, type MockLineApi } from '../../../mocks/line-api-server';
import type { Database, DatabaseHandle } from '../db/database';
import { lineFriends, lineOutbox } from '../db/schema/line';
import { memberLinks } from '../db/schema/linking';
import { purchases } from '../db/schema/loyalty';
import { pointLots } from '../db/schema/ledger';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import { segments, sendRecipients } from '../db/schema/segments';
import { staffAuditLog } from '../db/schema/staff';
import { runJobTick } from '../jobs/jobs';
import { createLineClient, type LineClient } from '../line/line-client';
import { drainOutbox } from '../line/outbox-worker';
import { seedDemoStaff } from '../staff/seed-staff';
import { json, staffSignIn } from '../testing/staff-testing';
import { createTestApp, createTestClock } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { multicastDelivery, runDueSends } from './segments.service';

const TOKEN = 'test-channel-access-token';
const NOW = '2026-03-01T03:00:00Z';

describe.each(testDatabaseTargets())('segments and sends on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let lineApi: MockLineApi;
  let line: LineClient;
  let admin: string;
  let marketing: string;
  let clerk: string;
  let counter = 0;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { clock: createTestClock(NOW) });
    await seedDemoStaff(database.db);
    [admin, marketing, clerk] = await Promise.all([staffSignIn(t.app, 'admin'), staffSignIn(t.app, 'marketing1'), staffSignIn(t.app, 'clerk1')]);
    lineApi = await startMockLineApi({ channelAccessToken: TOKEN });
    line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: TOKEN, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await lineApi.close();
    await database.close();
  });
  beforeEach(() => {
    lineApi.calls.length = 0;
    lineApi.failNext(0, 500);
  });

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const response = await t.app.request(`/api/admin${path}`, { method, headers: { ...json, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { [key: string]: unknown } };
  };

  /** A member in its own birthday month (the tests' segment), with profile, consent and friendship as given. */
  async function member(db: Database, options: { month: number; consent?: boolean; friend?: boolean | null; points?: number }) {
    counter += 1;
    const lineUserId = `Useg${String(counter).padStart(28, '0')}`;
    const [row] = await db
      .insert(members)
      .values({ lineUserId, memberNumber: `seg-${String(counter).padStart(6, '0')}`, displayName: `会員${counter}`, birthday: `1990-${String(options.month).padStart(2, '0')}-15` })
      .returning();
    if (options.consent !== undefined) {
      await db.insert(memberProfiles).values({
        memberId: row!.id,
        phone: '09000000000',
        email: 'seg@example.jp',
        postalCode: '1000001',
        marketingConsent: options.consent,
        termsAcceptedAt: new Date(NOW),
        completedAt: new Date(NOW),
        updatedAt: new Date(NOW),
      });
    }
    if (options.friend !== null && options.friend !== undefined) await db.insert(lineFriends).values({ lineUserId, isFriend: options.friend, changedAt: new Date(NOW) });
    if (options.points) {
      await db.insert(pointLots).values({ memberId: row!.id, id: `lot:seg-${counter}`, sourceKey: `seg-${counter}`, earnedAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2026-03-31T14:59:59.999Z'), points: options.points, remaining: options.points });
    }
    return { id: row!.id, lineUserId, memberNumber: row!.memberNumber };
  }

  async function segmentOf(cookie: string, month: number) {
    const { status, body } = await call(cookie, 'POST', '/segments', { name: `誕生月 ${month}`, filter: { birthdayMonth: month } });
    expect(status).toBe(201);
    return body.id as string;
  }

  const tick = () => runJobTick({ db: database.db, loyalty: t.deps.loyalty, program: t.deps.program, clock: t.clock.now, line, richMenus: {}, deliveries: { multicast: multicastDelivery({ db: database.db, line }) } });

  const multicastRecipients = () => lineApi.calls.filter((c) => c.kind === 'multicast').flatMap((c) => c.to.split(','));

  it('roles: a clerk is refused (403), marketing and admin manage segments', async () => {
    expect((await call(clerk, 'GET', '/segments')).status).toBe(403);
    expect((await call(clerk, 'POST', '/sends', {})).status).toBe(403);
    expect((await call(marketing, 'GET', '/segments')).status).toBe(200);
    expect((await call(admin, 'POST', '/segments/count', { filter: {} })).status).toBe(200);
    // …and marketing stays out of the register and the store reports.
    const lookup = await t.app.request('/api/staff/member-lookups', { method: 'POST', headers: { ...json, cookie: marketing }, body: JSON.stringify({ code: '123' }) });
    expect(lookup.status).toBe(403);
    expect((await t.app.request('/api/staff/session', { headers: { cookie: marketing } })).status).toBe(200);
  });

  it('a bad filter is a 400 naming the field, and nothing is saved', async () => {
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(segments);
    const unknownTier = await call(marketing, 'POST', '/segments', { name: 'x', filter: { tiers: ['PLATINUM_MOON'] } });
    expect(unknownTier.status).toBe(400);
    expect(JSON.stringify(unknownTier.body)).toContain('filter.tiers');
    expect((await call(marketing, 'POST', '/segments', { name: 'x', filter: { birthdayMonth: 13 } })).status).toBe(400);
    expect((await call(marketing, 'POST', '/segments', { name: '', filter: {} })).status).toBe(400);
    expect((await call(marketing, 'POST', '/segments/count', { filter: { purchasedAtStore: "x' OR 1=1 --" } })).status).toBe(400);
    expect(await database.db.select({ n: sql<number>`count(*)::int` }).from(segments)).toEqual(before);
  });

  it('counts live, and each filter selects the members it says', async () => {
    const db = database.db;
    const a = await member(db, { month: 1, consent: true, friend: true });
    const b = await member(db, { month: 1, consent: false, friend: false });
    await member(db, { month: 1 });
    await db.insert(memberLinks).values({ memberId: a.id, crmMemberId: 'crm-seg-a', crmMemberNumber: '1', linkedAt: new Date(NOW) });
    await db.insert(purchases).values({ memberId: b.id, storeId: 'umeda', receiptId: 'seg-r1', amountYen: 1000, purchasedAt: new Date('2025-12-01T00:00:00Z'), pointsEarned: 10, stampAwarded: false });
    const count = async (filter: Record<string, unknown>) => (await call(marketing, 'POST', '/segments/count', { filter: { birthdayMonth: 1, ...filter } })).body.members;
    expect(await count({})).toBe(3);
    expect(await count({ linked: true })).toBe(1);
    expect(await count({ linked: false })).toBe(2);
    expect(await count({ profileCompleted: true })).toBe(2);
    expect(await count({ profileCompleted: false })).toBe(1);
    expect(await count({ friendship: 'friend' })).toBe(1);
    expect(await count({ friendship: 'blocked' })).toBe(1);
    expect(await count({ marketingConsent: true })).toBe(1);
    expect(await count({ purchasedAtStore: 'umeda' })).toBe(1);
    expect(await count({ lastPurchaseOlderThanDays: 30 })).toBe(1);
    expect(await count({ lastPurchaseOlderThanDays: 365 })).toBe(0);
    expect(await count({ tiers: [t.deps.program.tiers[0]!.id] })).toBe(3);
  });

  it('a send skips the blocked and the non-consenting, multicasts to the rest once, and reports it', async () => {
    const db = database.db;
    const ok1 = await member(db, { month: 2, consent: true, friend: true });
    const ok2 = await member(db, { month: 2, consent: true, friend: true });
    const blocked = await member(db, { month: 2, consent: true, friend: false });
    const noConsent = await member(db, { month: 2, consent: false, friend: true });
    const segmentId = await segmentOf(marketing, 2);

    const created = await call(marketing, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message: { kind: 'text', text: '2月のお知らせ' } }], holdoutPercent: 0, reportDays: 7, scheduledAt: null });
    expect(created.status).toBe(201);
    const sendId = created.body.id as string;
    const report = await tick();
    expect(report.sends).toMatchObject({ sends: 1, recipients: 4, outboxRows: 1 });
    expect(multicastRecipients().sort()).toEqual([ok1.lineUserId, ok2.lineUserId].sort());
    expect(JSON.stringify(lineApi.calls[0]!.body)).toContain('2月のお知らせ');

    // Ticks after that send nothing more.
    await tick();
    expect(multicastRecipients()).toHaveLength(2);

    const { body } = await call(admin, 'GET', `/sends/${sendId}`);
    expect(body.send).toMatchObject({ status: 'sent', recipients: 4, sent: 2, failed: 0, pending: 0, skipped: { not_friend: 1, no_consent: 1 } });
    expect(blocked.lineUserId).not.toBe(noConsent.lineUserId);
    const audit = await db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'segment_send.send_now'));
    expect(audit.some((entry) => entry.detail.sendId === sendId && entry.username === 'marketing1')).toBe(true);
  });

  it('a runner that dies midway is rerun: nobody is messaged twice', async () => {
    const db = database.db;
    const people = await Promise.all([1, 2, 3].map(() => member(db, { month: 3, consent: true, friend: true })));
    const segmentId = await segmentOf(admin, 3);
    await call(admin, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message: { kind: 'text', text: '3月' } }], holdoutPercent: 0, reportDays: 7, scheduledAt: null });

    // The first runner writes the recipients, then dies before queueing them (its second transaction fails).
    let transactions = 0;
    const dying = new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'transaction') {
          return (fn: Parameters<Database['transaction']>[0]) => {
            transactions += 1;
            if (transactions === 2) return Promise.reject(new Error('runner killed'));
            return target.transaction(fn);
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect((await runDueSends({ db: dying, program: t.deps.program, clock: t.clock.now })).failed).toEqual([expect.objectContaining({ error: 'runner killed' })]);

    // The next runner sends; LINE accepts but this runner dies before it records that (a non-LINE error is retried)…
    const dyingAfterSend: LineClient = {
      ...line,
      multicast: async (...args) => {
        await line.multicast(...args);
        throw new Error('runner killed after the request');
      },
    };
    await runDueSends({ db, program: t.deps.program, clock: t.clock.now });
    expect(await drainOutbox({ db, line: dyingAfterSend, clock: t.clock.now, deliveries: { multicast: multicastDelivery({ db, line: dyingAfterSend }) } })).toMatchObject({ retried: 1 });
    // …and the retry carries the same X-Line-Retry-Key: LINE answers 409, already accepted.
    t.clock.advance(10 * 60_000);
    await tick();
    t.clock.set(NOW);
    expect(multicastRecipients().sort()).toEqual(people.map((p) => p.lineUserId).sort());
    const recipients = await db.select().from(sendRecipients).where(like(sendRecipients.lineUserId, 'Useg%'));
    expect(new Set(recipients.map((r) => `${r.sendId}:${r.memberId}`)).size).toBe(recipients.length);
  });

  it('a 429 from LINE is retried after its Retry-After, and the send completes', async () => {
    const db = database.db;
    const person = await member(db, { month: 4, consent: true, friend: true });
    const segmentId = await segmentOf(admin, 4);
    const { body } = await call(admin, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message: { kind: 'text', text: '4月' } }], holdoutPercent: 0, reportDays: 7, scheduledAt: null });
    lineApi.failNext(1, 429, 2);
    expect((await tick()).outbox).toMatchObject({ retried: 1, sent: 0 });
    const [row] = await db.select().from(lineOutbox).where(like(lineOutbox.causeKey, `segment-send:${String(body.id)}:%`));
    expect(row!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(2000);
    t.clock.advance(2000);
    expect((await tick()).outbox).toMatchObject({ sent: 1 });
    t.clock.set(NOW);
    expect(multicastRecipients()).toEqual([person.lineUserId]);
  });

  it('a 429 pauses the rest of the claimed batch until Retry-After, without counting their attempt', async () => {
    const db = database.db;
    await member(db, { month: 7, consent: true, friend: true });
    await member(db, { month: 8, consent: true, friend: true });
    const sendIds: string[] = [];
    for (const month of [7, 8]) {
      const segmentId = await segmentOf(admin, month);
      const { body } = await call(admin, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message: { kind: 'text', text: `${month}月` } }], holdoutPercent: 0, reportDays: 7, scheduledAt: null });
      sendIds.push(String(body.id));
    }
    lineApi.failNext(1, 429, 3);
    expect((await tick()).outbox).toMatchObject({ retried: 1, sent: 0 });
    const rows = (await db.select().from(lineOutbox).orderBy(lineOutbox.id)).filter((row) => sendIds.some((id) => row.causeKey.startsWith(`segment-send:${id}:`)));
    expect(rows.map((row) => row.nextAttemptAt.getTime() - t.clock.now().getTime())).toEqual([3000, 3000]);
    // The row LINE refused counts its attempt; the one released after it does not.
    expect(rows.map((row) => row.attempts).sort()).toEqual([0, 1]);
    expect(lineApi.calls.filter((c) => c.kind === 'multicast')).toHaveLength(0);
    t.clock.advance(3000);
    expect((await tick()).outbox).toMatchObject({ sent: 2 });
    t.clock.set(NOW);
  });

  it('a card is rendered per member (preview and push), and a scheduled send can be cancelled', async () => {
    const db = database.db;
    const person = await member(db, { month: 5, consent: true, friend: true, points: 1200 });
    const segmentId = await segmentOf(admin, 5);
    const message = { kind: 'card', title: '{name}さんへ', body: '{expiringPoints} pt が {expiryDate} に失効します' };
    const preview = await call(marketing, 'POST', '/sends/preview', { segmentId, message, memberNumber: person.memberNumber });
    expect(preview.body).toMatchObject({ member: { memberNumber: person.memberNumber }, rendered: { kind: 'card', body: '1,200 pt が 3/31 に失効します' } });

    const later = await call(marketing, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message }], holdoutPercent: 0, reportDays: 7, scheduledAt: '2026-03-02T00:00:00Z' });
    expect((await call(marketing, 'POST', `/sends/${String(later.body.id)}/cancel`)).status).toBe(204);
    expect((await call(marketing, 'POST', `/sends/${String(later.body.id)}/cancel`)).status).toBe(409);
    const past = await call(marketing, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message }], holdoutPercent: 0, reportDays: 7, scheduledAt: '2026-02-01T00:00:00Z' });
    expect(past.status).toBe(400);

    await call(marketing, 'POST', '/sends', { segmentId, variants: [{ key: 'A', message }], holdoutPercent: 0, reportDays: 7, scheduledAt: '2026-03-01T05:00:00Z' });
    await tick();
    expect(lineApi.calls.filter((c) => c.kind === 'push')).toHaveLength(0);
    t.clock.set('2026-03-01T05:00:00Z');
    await tick();
    t.clock.set(NOW);
    const pushes = lineApi.calls.filter((c) => c.kind === 'push' && c.to === person.lineUserId);
    expect(pushes).toHaveLength(1);
    expect(JSON.stringify(pushes[0]!.body)).toContain('1,200 pt が 3/31 に失効します');
    const actions = (await db.select().from(staffAuditLog).where(like(staffAuditLog.action, 'segment_send.%'))).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['segment_send.schedule', 'segment_send.cancel']));
  });

  it('A/B with a hold-out: groups from the hash, and per group the actions within the window', async () => {
    const db = database.db;
    const people = await Promise.all(Array.from({ length: 40 }, () => member(db, { month: 6, consent: true, friend: true })));
    const segmentId = await segmentOf(admin, 6);
    const { body } = await call(admin, 'POST', '/sends', {
      segmentId,
      variants: [
        { key: 'A', message: { kind: 'text', text: 'A案' } },
        { key: 'B', message: { kind: 'text', text: 'B案' } },
      ],
      holdoutPercent: 25,
      reportDays: 7,
      scheduledAt: null,
    });
    await tick();
    const recipients = await db.select().from(sendRecipients).where(eq(sendRecipients.sendId, String(body.id)));
    const groupOf = new Map(recipients.map((r) => [r.memberId, r.variant]));
    const holdout = people.filter((p) => groupOf.get(p.id) === 'holdout');
    expect(holdout.length).toBeGreaterThan(0);
    expect(multicastRecipients()).not.toContain(holdout[0]!.lineUserId);
    expect(multicastRecipients()).toHaveLength(40 - holdout.length);
    // One purchase in the window by a hold-out member, one after it by a variant member.
    const inVariant = people.find((p) => groupOf.get(p.id) === 'A')!;
    await db.insert(purchases).values([
      { memberId: holdout[0]!.id, storeId: 'shibuya', receiptId: 'seg-ab-1', amountYen: 500, purchasedAt: new Date('2026-03-03T00:00:00Z'), pointsEarned: 5, stampAwarded: false },
      { memberId: inVariant.id, storeId: 'shibuya', receiptId: 'seg-ab-2', amountYen: 500, purchasedAt: new Date('2026-03-20T00:00:00Z'), pointsEarned: 5, stampAwarded: false },
    ]);
    const report = await call(marketing, 'GET', `/sends/${String(body.id)}`);
    const groups = report.body.groups as { group: string; assigned: number; sent: number; purchases: { members: number; rate: number } }[];
    expect(groups.map((g) => g.group)).toEqual(['A', 'B', 'holdout']);
    const hold = groups.find((g) => g.group === 'holdout')!;
    expect(hold).toMatchObject({ assigned: holdout.length, sent: 0, purchases: { members: 1, rate: 1 / holdout.length } });
    expect(groups.find((g) => g.group === 'A')!.purchases.members).toBe(0);
    expect(groups.reduce((sum, g) => sum + g.assigned, 0)).toBe(40);
  });
});
