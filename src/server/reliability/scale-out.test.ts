import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLineApi, type MockLineApi } from '../../../mocks/line-api-server';
import { personas } from '../../../mocks/personas';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { jobRuns, lineFriends, lineOutbox } from '../db/schema/line';
import { runJobTick } from '../jobs/jobs';
import { createLineClient } from '../line/line-client';
import { enqueuePush } from '../line/outbox.repository';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import { defaultProgramConfig } from '../loyalty/program-config';
import { DEMO_STAFF } from '../staff/seed-staff';
import { LOGIN_LIMITS } from '../staff/login-limits';
import { startBff, startJobRunner, type BffProcess, type JobRunnerProcess } from '../testing/bff-process';
import { createFreshPostgresDatabase } from '../testing/test-databases';

/**
 * Scaled out: two BFF replicas and two job runners on one PostgreSQL. Whatever one process knows
 * only in memory would be missed by the other, so: no push sent twice, the daily job run once a
 * day, and a staff lockout counted across both BFFs. PostgreSQL only: PGlite admits one process.
 */
const baseUrl = process.env.DATABASE_URL;
const TOKEN = 'scale-out-channel-access-token';
const PUSHES = 120;
const PERSONA = personas.find((p) => p.id === 'with-points')!;
const json = { 'content-type': 'application/json' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!baseUrl)('two BFFs and two job runners on one PostgreSQL', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let database: DatabaseHandle;
  let lineApi: MockLineApi;
  let bffs: BffProcess[] = [];
  let runners: JobRunnerProcess[] = [];

  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(baseUrl!);
    lineApi = await startMockLineApi({ channelAccessToken: TOKEN });
    // Replicas share the session secret, so a cookie from one is good on the other.
    const env = { DATABASE_URL: fresh.url, LINE_API_BASE_URL: lineApi.url, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, SESSION_SECRET: 'scale-out-session-secret-0123456789abcdef' };
    // One after the other: the second replica's start-up (migrations, seeding) finds the first's work done.
    bffs = [await startBff(env)];
    bffs.push(await startBff(env));
    database = await openDatabase({ kind: 'postgres', url: fresh.url });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([...bffs, ...runners].map((p) => p.stop()));
    await lineApi?.close();
    await database?.close();
    await fresh?.drop();
  });

  it(`${PUSHES} queued pushes go out once each and the daily job runs once, with two runners`, { timeout: 120_000 }, async () => {
    // A consenting friend: the session opened on one replica, the profile saved through the other.
    // (Each dev process signs ID tokens with its own key, as LINE's would be one key set: ask the same one.)
    const token = (await (await fetch(`${bffs[1]!.baseUrl}/dev/id-token`, { method: 'POST', headers: json, body: JSON.stringify({ personaId: PERSONA.id }) })).json()) as { idToken: string };
    const session = await fetch(`${bffs[1]!.baseUrl}/api/session`, { method: 'POST', headers: json, body: JSON.stringify({ idToken: token.idToken }) });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const profile = await fetch(`${bffs[0]!.baseUrl}/api/me/profile`, {
      method: 'PUT',
      headers: { ...json, cookie },
      body: JSON.stringify({
        familyName: '分散',
        givenName: 'テスト',
        familyKana: 'ブンサン',
        givenKana: 'テスト',
        birthday: '1990-04-12',
        phone: '09000000000',
        email: 'scale@example.jp',
        postalCode: '1000001',
        prefecture: '東京都',
        city: '千代田区',
        street: '1-1-1',
        building: '',
        marketingConsent: true,
        termsAccepted: true,
      }),
    });
    expect(profile.status).toBeLessThan(300);
    await database.db.insert(lineFriends).values({ lineUserId: PERSONA.lineUserId, isFriend: true, changedAt: new Date() });

    const now = new Date();
    for (let i = 0; i < PUSHES; i += 1) {
      await enqueuePush(database.db, { causeKey: `scale-out:${i}`, lineUserId: PERSONA.lineUserId, messages: [{ type: 'text', text: `push ${i}` }], now });
    }
    const env = { DATABASE_URL: fresh.url, LINE_API_BASE_URL: lineApi.url, LINE_CHANNEL_ACCESS_TOKEN: TOKEN };
    runners = await Promise.all([startJobRunner(env), startJobRunner(env)]);

    const ours = () => database.db.select().from(lineOutbox).where(like(lineOutbox.causeKey, 'scale-out:%'));
    const deadline = Date.now() + 60_000;
    while ((await ours()).some((row) => row.status === 'pending') && Date.now() < deadline) await pause(200);
    await pause(2_500); // both runners tick again: nothing left to send, the day already claimed

    const rows = await ours();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(PUSHES);
    // Claimed once each: a row two runners had both claimed would show 2 attempts.
    expect(rows.filter((r) => r.attempts !== 1)).toEqual([]);
    const pushes = lineApi.calls.filter((c) => c.kind === 'push' && c.to === PERSONA.lineUserId);
    expect(pushes).toHaveLength(PUSHES);
    const texts = pushes.map((c) => ((c.body as { messages: Array<{ text: string }> }).messages[0]!.text));
    expect(new Set(texts).size).toBe(PUSHES);

    const dailyRuns = runners.map((r) => r.output().split('\n').filter((line) => line.includes('"daily":{')).length);
    expect(dailyRuns.reduce((a, b) => a + b, 0), runners.map((r) => r.output()).join('\n---\n')).toBe(1);
    expect(await database.db.select().from(jobRuns).where(eq(jobRuns.job, 'daily'))).toHaveLength(1);
    const sentBy = runners.map((r) => [...r.output().matchAll(/"sent":(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0));
    console.info(`scale-out: ${PUSHES} pushes, sent by runner 1: ${sentBy[0]}, by runner 2: ${sentBy[1]}; daily job runs: ${dailyRuns.join(' + ')}`);
  });

  it('runner ticks started at the same instant on separate connections claim every row and the day once', { timeout: 120_000 }, async () => {
    // The processes above start seconds apart; here the claims truly collide. Two pools stand for two runners.
    const second = await openDatabase({ kind: 'postgres', url: fresh.url });
    try {
      const line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: TOKEN, timeoutMs: 5_000 });
      // A later JST day than the runners above claimed.
      const clock = () => new Date(Date.now() + 2 * 24 * 60 * 60_000);
      const depsFor = (db: DatabaseHandle['db']) => ({ db, program: defaultProgramConfig, clock, loyalty: createLoyaltyService({ db, program: defaultProgramConfig, clock }), line, richMenus: {} });
      const now = clock();
      for (let i = 0; i < 3 * PUSHES; i += 1) {
        await enqueuePush(database.db, { causeKey: `collide:${i}`, lineUserId: PERSONA.lineUserId, messages: [{ type: 'text', text: `collide ${i}` }], now });
      }
      const before = lineApi.calls.length;
      const ticks = await Promise.all(Array.from({ length: 8 }, (_, i) => runJobTick(depsFor(i % 2 ? second.db : database.db))));

      expect(ticks.filter((t) => t.daily !== null)).toHaveLength(1);
      const rows = await database.db.select().from(lineOutbox).where(like(lineOutbox.causeKey, 'collide:%'));
      expect(rows.filter((r) => r.attempts > 1)).toEqual([]);
      expect(ticks.reduce((sum, t) => sum + t.outbox.sent, 0)).toBe(rows.filter((r) => r.status === 'sent').length);
      expect(lineApi.calls.length - before).toBe(rows.filter((r) => r.status === 'sent').length);
      console.info(`scale-out collision: 8 simultaneous ticks sent ${ticks.map((t) => t.outbox.sent).join(' + ')} of ${rows.length} rows`);
    } finally {
      await second.close();
    }
  });

  it(`a staff account locks after ${LOGIN_LIMITS.maxFailures} wrong passwords in total, alternating between the two BFFs`, { timeout: 60_000 }, async () => {
    const login = (bff: BffProcess, password: string) =>
      fetch(`${bff.baseUrl}/api/staff/session`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'clerk2', password }) });
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.maxFailures; i += 1) statuses.push((await login(bffs[i % 2]!, `wrong-${i}`)).status);
    // Each replica saw fewer than the limit: only a count shared through the database locks here.
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    for (const bff of bffs) {
      const right = await login(bff, DEMO_STAFF.password);
      expect(right.status, `right password through ${bff.baseUrl} after ${statuses.join(', ')}`).not.toBe(200);
      expect(right.status).toBeGreaterThanOrEqual(400);
    }
    console.info(`scale-out lockout: wrong passwords alternating → ${statuses.join(', ')}; the right one then refused on both`);
  });
});
