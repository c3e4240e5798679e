import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLineApi, type MockLineApi } from '../../../mocks/line-api-server';
import { personas } from '../../../mocks/personas';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { isConnectionLoss } from '../db/errors';
import { lineOutbox } from '../db/schema/line';
import { purchases } from '../db/schema/loyalty';
import { enqueueRichMenu } from '../line/outbox.repository';
import { DEMO_STAFF } from '../staff/seed-staff';
import { clerkCookie, startBff, startJobRunner, type BffProcess, type JobRunnerProcess } from '../testing/bff-process';
import { startTcpProxy, throughProxy } from '../testing/tcp-proxy';
import { writeLoadTestProgramConfigFile } from '../testing/load-test-program';
import { createFreshPostgresDatabase, terminateBackends } from '../testing/test-databases';

/**
 * The database goes away under running processes (failover, restart, an operator's
 * pg_terminate_backend): the BFF and the job runner must stay up, answer what they cannot do with
 * a 503, never lose an acknowledged write, and work again as soon as the database answers.
 * PostgreSQL only: PGlite lives inside the process and has no connection to lose.
 */
const baseUrl = process.env.DATABASE_URL;
const PERSONA = personas.find((p) => p.id === 'with-points')!;
/** What the issue asks: reads work again within 2 s of the fault. Polled, never asserted as a timing. */
const RECOVERY_DEADLINE_MS = 2_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


async function shopperCookie(bff: BffProcess, personaId: string): Promise<string> {
  const token = (await (await fetch(`${bff.baseUrl}/dev/id-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personaId }) })).json()) as { idToken: string };
  const response = await fetch(`${bff.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idToken: token.idToken }) });
  if (response.status >= 300) throw new Error(`shopper sign-in: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** Status of a shopper's card read, or 'network' when the process did not answer at all. */
async function readCard(bff: BffProcess, cookie: string): Promise<number | 'network'> {
  try {
    const response = await fetch(`${bff.baseUrl}/api/me/card`, { headers: { cookie } });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'network';
  }
}

async function purchase(bff: BffProcess, cookie: string, receiptId: string): Promise<number | 'network'> {
  try {
    const response = await fetch(`${bff.baseUrl}/api/staff/purchases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'idempotency-key': receiptId },
      body: JSON.stringify({ memberCode: PERSONA.seed!.memberNumber, amountYen: 1_500, receiptId }),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'network';
  }
}

/** Polls card reads until one succeeds; the time it took, or null past the deadline. */
async function readsRecover(bff: BffProcess, cookie: string): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= RECOVERY_DEADLINE_MS) {
    if ((await readCard(bff, cookie)) === 200) return Date.now() - started;
    await pause(50);
  }
  return null;
}

const alive = (child: { exitCode: number | null; signalCode: NodeJS.Signals | null }) => child.exitCode === null && child.signalCode === null;

describe.skipIf(!baseUrl)('the BFF when PostgreSQL ends its sessions', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let bff: BffProcess;
  let shopper: string;
  let clerk: string;

  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(baseUrl!);
    // Dozens of purchases for one member: the per-member daily limits are lifted as in the crash test.
    bff = await startBff({ DATABASE_URL: fresh.url, PROGRAM_CONFIG_FILE: writeLoadTestProgramConfigFile() });
    shopper = await shopperCookie(bff, PERSONA.id);
    clerk = await clerkCookie(bff);
  }, 120_000);
  afterAll(async () => {
    await bff?.stop();
    await fresh?.drop();
  });

  it('stays up when every idle connection is terminated, and reads work again at once', { timeout: 60_000 }, async () => {
    // Several connections in the pool, all idle when the database ends them.
    expect(await Promise.all(Array.from({ length: 8 }, () => readCard(bff, shopper)))).toEqual(Array(8).fill(200));
    expect(await terminateBackends(fresh.url)).toBeGreaterThan(0);
    await pause(300); // the dead sockets' errors arrive: before, the first unheard one ended the process
    expect(alive(bff.child), bff.output()).toBe(true);
    expect(bff.output()).toContain('database connection lost');

    const recoveredIn = await readsRecover(bff, shopper);
    console.info(`idle termination: reads served again after ${recoveredIn} ms`);
    expect(recoveredIn).not.toBeNull();
    const ready = await fetch(`${bff.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: 'up' });
  });

  it('under card reads and purchases, answers only 2xx or 503 and keeps every acknowledged purchase', { timeout: 120_000 }, async () => {
    const statuses: Array<number | 'network'> = [];
    const readStatuses: Array<number | 'network'> = [];
    const acknowledged: string[] = [];
    let next = 0;
    let stopping = false;

    const readers = Array.from({ length: 4 }, async () => {
      while (!stopping) {
        const status = await readCard(bff, shopper);
        statuses.push(status);
        readStatuses.push(status);
      }
    });
    const registers = Array.from({ length: 4 }, async () => {
      while (!stopping) {
        const receiptId = `fault-${next++}`;
        const status = await purchase(bff, clerk, receiptId);
        statuses.push(status);
        if (status === 200 || status === 201) acknowledged.push(receiptId);
      }
    });

    // Bounded: a register that is refused (not acknowledged) must not hang the test until its timeout.
    const warmUpEnds = Date.now() + 30_000;
    while (acknowledged.length < 20 && alive(bff.child) && Date.now() < warmUpEnds) await pause(10);
    expect(acknowledged.length, `purchases acknowledged before the faults; statuses so far: ${[...new Set(statuses)].join(', ')}`).toBeGreaterThanOrEqual(20);
    let terminated = 0;
    for (let round = 0; round < 3; round += 1) {
      terminated += await terminateBackends(fresh.url);
      await pause(250);
    }
    await pause(500);
    stopping = true;
    await Promise.all([...readers, ...registers]);

    const count = (predicate: (s: number | 'network') => boolean) => statuses.filter(predicate).length;
    const figures = {
      requests: statuses.length,
      backendsTerminated: terminated,
      ok: count((s) => typeof s === 'number' && s < 300),
      unavailable503: count((s) => s === 503),
      readsAnswered503: readStatuses.filter((s) => s === 503).length,
      other5xx: count((s) => typeof s === 'number' && s >= 500 && s !== 503),
      otherStatus: count((s) => typeof s === 'number' && s >= 300 && s < 500),
      noAnswer: count((s) => s === 'network'),
    };
    const recoveredIn = await readsRecover(bff, shopper);
    console.info(`termination under load: ${JSON.stringify({ ...figures, recoveredInMs: recoveredIn })}`);

    expect(alive(bff.child), bff.output()).toBe(true);
    expect(terminated).toBeGreaterThan(0);
    expect(figures.other5xx, bff.output()).toBe(0);
    expect(figures.otherStatus).toBe(0);
    expect(figures.noAnswer).toBe(0);
    expect(recoveredIn).not.toBeNull();

    const database = await openDatabase({ kind: 'postgres', url: fresh.url });
    try {
      const rows = await database.db.select({ receiptId: purchases.receiptId }).from(purchases).where(inArray(purchases.receiptId, acknowledged));
      expect(rows.map((r) => r.receiptId).sort()).toEqual([...acknowledged].sort());
    } finally {
      await database.close();
    }
  });

  it('while the database host is unreachable: readiness says down, liveness stays up, requests get 503, and all recover', { timeout: 60_000 }, async () => {
    const target = new URL(baseUrl!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const other = await startBff({ DATABASE_URL: throughProxy(fresh.url, proxy) });
    try {
      const otherShopper = await shopperCookie(other, PERSONA.id);
      expect((await fetch(`${other.baseUrl}/api/health/ready`)).status).toBe(200);

      await proxy.cut();
      const ready = await fetch(`${other.baseUrl}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).not.toBeNull();
      expect(await ready.json()).toMatchObject({ ok: false, database: 'down' });
      expect((await fetch(`${other.baseUrl}/api/health`)).status).toBe(200);
      expect(await readCard(other, otherShopper)).toBe(503);
      const login = await fetch(`${other.baseUrl}/api/staff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'clerk1', password: DEMO_STAFF.password }),
      });
      expect(login.status).toBe(503);
      expect(await login.json()).toMatchObject({ error: { code: 'database_unavailable' } });
      expect(alive(other.child), other.output()).toBe(true);

      await proxy.restore();
      const recoveredIn = await readsRecover(other, otherShopper);
      console.info(`database host back: reads served again after ${recoveredIn} ms`);
      expect(recoveredIn).not.toBeNull();
      expect((await fetch(`${other.baseUrl}/api/health/ready`)).status).toBe(200);
    } finally {
      await other.stop();
      await proxy.close();
    }
  });
});

describe.skipIf(!baseUrl)('the job runner when PostgreSQL ends its sessions', () => {
  const TOKEN = 'fault-test-channel-access-token';
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let database: DatabaseHandle;
  let lineApi: MockLineApi;
  let runner: JobRunnerProcess;
  let users = 0;

  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase(baseUrl!);
    database = await openDatabase({ kind: 'postgres', url: fresh.url });
    lineApi = await startMockLineApi({ channelAccessToken: TOKEN });
    runner = await startJobRunner({ DATABASE_URL: fresh.url, LINE_API_BASE_URL: lineApi.url, LINE_CHANNEL_ACCESS_TOKEN: TOKEN });
  }, 120_000);
  afterAll(async () => {
    await runner?.stop();
    await lineApi?.close();
    await database?.close();
    await fresh?.drop();
  });

  /** Queues rich-menu switches (sent without a consent check) for new users; the test's own pool may lose connections too. */
  async function enqueue(count: number): Promise<string[]> {
    const queued: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const lineUserId = `Ufault${String((users += 1)).padStart(26, '0')}`;
      const now = new Date();
      for (let attempt = 0; ; attempt += 1) {
        try {
          await enqueueRichMenu(database.db, { lineUserId, richMenuId: 'richmenu-fault', now });
          break;
        } catch (error) {
          if (!isConnectionLoss(error) || attempt >= 5) throw error;
        }
      }
      queued.push(lineUserId);
    }
    return queued;
  }

  async function sentWithin(lineUserIds: string[], ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const sent = new Set(lineApi.calls.map((c) => c.to));
      if (lineUserIds.every((u) => sent.has(u))) return true;
      await pause(100);
    }
    return false;
  }

  it('stays up through terminations while idle and while draining, and sends what is queued afterwards', { timeout: 120_000 }, async () => {
    expect(await sentWithin(await enqueue(1), 15_000)).toBe(true);

    // Idle: between two ticks.
    expect(await terminateBackends(fresh.url)).toBeGreaterThan(0);
    await pause(300);
    expect(alive(runner.child), runner.output()).toBe(true);

    // While draining: 200 switches are four ticks of work; sessions end every 200 ms meanwhile.
    const during = await enqueue(200);
    let terminated = 0;
    for (let round = 0; round < 10; round += 1) {
      terminated += await terminateBackends(fresh.url);
      await pause(200);
    }
    expect(alive(runner.child), runner.output()).toBe(true);

    // Reconnected: what is queued now is sent.
    const after = await enqueue(3);
    expect(await sentWithin(after, 15_000), runner.output()).toBe(true);
    expect(alive(runner.child)).toBe(true);

    // Never twice, faults or not (a row whose "sent" mark was lost waits for its lease, it is not resent at once).
    const perUser = new Map<string, number>();
    for (const call of lineApi.calls) perUser.set(call.to, (perUser.get(call.to) ?? 0) + 1);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    const pending = await database.db.select({ id: lineOutbox.id }).from(lineOutbox).where(eq(lineOutbox.status, 'pending'));
    console.info(`job runner: ${terminated} sessions ended while draining ${during.length} rows; ${lineApi.calls.length} calls made, ${pending.length} rows left under lease`);
  });
});
