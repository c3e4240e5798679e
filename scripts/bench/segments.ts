import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startMockLineApi } from '../../mocks/line-api-server';
import type { SegmentFilter } from '../../src/contract/segments';
import { readServerEnv } from '../../src/server/config/env';
import { openDatabase, type Database } from '../../src/server/db/database';
import { lineOutbox } from '../../src/server/db/schema/line';
import { sendRecipients } from '../../src/server/db/schema/segments';
import { staffAccounts } from '../../src/server/db/schema/staff';
import { createLineClient } from '../../src/server/line/line-client';
import { drainOutbox } from '../../src/server/line/outbox-worker';
import { addMonthsJst, formatJstDate, jstDate } from '../../src/server/loyalty/jst';
import { defaultProgramConfig, parseProgramConfig } from '../../src/server/loyalty/program-config';
import { seedDemoStaff } from '../../src/server/staff/seed-staff';
import { compileSegmentFilter, SEGMENT_FROM } from '../../src/server/segments/segment-rules';
import { countMembers } from '../../src/server/segments/segments.repository';
import { createSegment, createSend, multicastDelivery, runDueSends, sendReport } from '../../src/server/segments/segments.service';

/**
 * npm run bench:segments [-- --send] [--rate 200] [--explain] [--read-only]
 * On the database the BFF uses (after `npm run demo-data`): the median of 5 counts (after a warm-up)
 * per filter; with --send, a text send to every member through the outbox against the mock LINE
 * API limited to --rate requests per second (LINE's multicast limit is 200/s), ticking the job
 * runner every second as `npm run jobs` would (JOBS_INTERVAL_SECONDS=1).
 */
const { values } = parseArgs({ options: { send: { type: 'boolean' }, rate: { type: 'string' }, explain: { type: 'boolean' }, 'read-only': { type: 'boolean' } } });
const env = readServerEnv();
const program = env.programConfigFile ? parseProgramConfig(JSON.parse(await readFile(env.programConfigFile, 'utf8'))) : defaultProgramConfig;
const readOnly = values['read-only'] === true;
if (readOnly && (env.database.kind !== 'postgres' || values.send)) throw new Error('--read-only counts on PostgreSQL only (no migrations, no send)');
// --read-only: someone else's database (e.g. a shared 1 M bench): no migrations, nothing written.
const database = readOnly && env.database.kind === 'postgres' ? openWithoutMigrating(env.database.url) : await openDatabase(env.database);
const { db } = database;

function openWithoutMigrating(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return { db: drizzle(pool) as unknown as Database, engine: 'postgres (read-only)', close: () => pool.end() };
}
const now = new Date();
const nextMonthEnd = formatJstDate({ ...addMonthsJst(jstDate(now), 1), day: 28 });
const topTier = program.tiers[program.tiers.length - 1]!.id;

const filters: Record<string, SegmentFilter> = {
  everyone: {},
  linked: { linked: true },
  'not linked': { linked: false },
  [`tier ${topTier}`]: { tiers: [topTier] },
  [`points expiring ≤ ${nextMonthEnd}`]: { pointsExpiringBefore: nextMonthEnd },
  'birthday month': { birthdayMonth: jstDate(now).month },
  'no purchase in 90 days': { lastPurchaseOlderThanDays: 90 },
  'bought at shibuya': { purchasedAtStore: 'shibuya' },
  'profile completed': { profileCompleted: true },
  friend: { friendship: 'friend' },
  blocked: { friendship: 'blocked' },
  consent: { marketingConsent: true },
  'consenting friends, expiring, not linked': { marketingConsent: true, friendship: 'friend', pointsExpiringBefore: nextMonthEnd, linked: false },
  [`${topTier} friends who bought at shibuya`]: { tiers: [topTier], friendship: 'friend', purchasedAtStore: 'shibuya' },
  'profile, no consent, no purchase in 90 days, linked': { profileCompleted: true, marketingConsent: false, lastPurchaseOlderThanDays: 90, linked: true },
  [`birthday month, ${topTier}, friend, consent`]: { birthdayMonth: jstDate(now).month, tiers: [topTier], friendship: 'friend', marketingConsent: true },
};

async function number(query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const began = performance.now();
    await run();
    times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b)[2]!;
}

try {
  const members = await number(sql`SELECT count(*)::int AS n FROM members`);
  console.log(`engine: ${database.engine}, members: ${members}`);
  for (const [name, filter] of Object.entries(filters)) {
    const where = compileSegmentFilter(filter, { now, program });
    const size = await countMembers(db, where);
    console.log(`count  ${name.padEnd(42)} ${String(size).padStart(9)} members ${(await median(() => countMembers(db, where))).toFixed(1).padStart(8)} ms`);
    if (values.explain) {
      const plan = ((await db.execute(sql`EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM ${SEGMENT_FROM} WHERE ${where}`)) as unknown as { rows: { 'QUERY PLAN': string }[] }).rows;
      console.log(plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n'));
    }
  }
  if (values.send) await benchSend(Number(values.rate ?? 200));
} finally {
  await database.close();
}

async function benchSend(ratePerSecond: number) {
  const token = 'bench-channel-access-token';
  const lineApi = await startMockLineApi({ channelAccessToken: token, rateLimitPerSecond: ratePerSecond });
  const line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: token });
  try {
    await seedDemoStaff(db);
    const [admin] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, 'admin'));
    const staff = { staffId: admin!.id, sessionId: 'bench', username: admin!.username, displayName: admin!.displayName, storeId: admin!.storeId, role: admin!.role, sessionExpiresAt: now };
    const deps = { db, program, clock: () => new Date() };
    const segment = await createSegment(deps, staff, { name: `bench everyone ${now.toISOString()}`, filter: {} });
    if (!segment.ok) throw new Error(JSON.stringify(segment.error));
    const send = await createSend(deps, staff, {
      segmentId: segment.result.id,
      variants: [{ key: 'A', message: { kind: 'text', text: 'ベンチマークのお知らせ' } }],
      holdoutPercent: 0,
      reportDays: 7,
      scheduledAt: null,
    });
    if (!send.ok) throw new Error(JSON.stringify(send.error));
    const began = performance.now();
    const queued = await runDueSends(deps);
    const queuedMs = performance.now() - began;
    const deliveries = { multicast: multicastDelivery({ db, line }) };
    let ticks = 0;
    for (;;) {
      ticks += 1;
      await drainOutbox({ db, line, clock: deps.clock, deliveries });
      const pending = await number(sql`SELECT count(*)::int AS n FROM ${lineOutbox} WHERE ${lineOutbox.status} = 'pending' AND ${lineOutbox.causeKey} LIKE ${`segment-send:${send.result.id}:%`}`);
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const totalMs = performance.now() - began;
    const recipients = lineApi.calls.filter((c) => c.kind === 'multicast').flatMap((c) => c.to.split(','));
    const duplicates = recipients.length - new Set(recipients).size;
    const report = await sendReport(deps, send.result.id);
    const blockedInSegment = await number(
      sql`SELECT count(*)::int AS n FROM ${sendRecipients} r JOIN line_friends f ON f.line_user_id = r.line_user_id AND f.is_friend IS FALSE WHERE r.send_id = ${send.result.id}::uuid`,
    );
    const blocked = new Set(
      ((await db.execute(sql`SELECT line_user_id FROM line_friends WHERE is_friend IS FALSE`)) as unknown as { rows: { line_user_id: string }[] }).rows.map((r) => r.line_user_id),
    );
    const blockedMessaged = recipients.filter((id) => blocked.has(id)).length;
    console.log(`send   rate limit ${ratePerSecond}/s; recipients materialised and queued in ${(queuedMs / 1000).toFixed(1)} s (${queued.recipients} recipients, ${queued.outboxRows} multicast rows)`);
    console.log(`send   done in ${(totalMs / 60_000).toFixed(2)} min over ${ticks} ticks: ${lineApi.stats.requests} requests, ${lineApi.stats.rateLimited} answered 429, ${recipients.length} users messaged, duplicates ${duplicates}`);
    console.log(`send   blocked members in the segment ${blockedInSegment}, messaged ${blockedMessaged}; report ${JSON.stringify(report.ok ? report.result.send : report.error)}`);
  } finally {
    await lineApi.close();
  }
}
