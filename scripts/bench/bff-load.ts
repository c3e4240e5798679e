import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { personas } from '../../mocks/personas';
import { DEMO_STAFF } from '../../src/server/staff/seed-staff';
import { startBff, type BffProcess } from '../../src/server/testing/bff-process';
import { writeLoadTestProgramConfigFile } from '../../src/server/testing/load-test-program';

const run = promisify(execFile);

/**
 * BFF throughput and latency under 50 concurrent connections on loopback (autocannon): card reads
 * and purchase grants; on PostgreSQL also the same SQL driven by pgbench as the baseline.
 */

export type LoadResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number };
export type EngineLoad = { engine: 'pglite' | 'postgres'; cardRead: LoadResult; purchase: LoadResult; pgbench?: { cardReadTps: number; purchaseTps: number } };

const CONNECTIONS = 50;

async function sessionCookie(bff: BffProcess, personaId: string): Promise<string> {
  const token = (await (await fetch(`${bff.baseUrl}/dev/id-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personaId }) })).json()) as {
    idToken: string;
  };
  const session = await fetch(`${bff.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idToken: token.idToken }) });
  return session.headers.get('set-cookie')!.split(';')[0]!;
}

function summarise(result: autocannon.Result): LoadResult {
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function cannon(options: autocannon.Options): Promise<LoadResult> {
  return summarise(await autocannon({ connections: CONNECTIONS, duration: 10, ...options }));
}

export async function measureBffLoad(engine: 'pglite' | 'postgres', databaseUrl?: string, seconds = 10): Promise<EngineLoad> {
  // Every purchase goes to a handful of personas: far past the programme's per-member daily limits.
  const program = { PROGRAM_CONFIG_FILE: writeLoadTestProgramConfigFile() };
  const bff = await startBff(
    engine === 'postgres' ? { DATABASE_URL: databaseUrl!, SEED_PERSONAS: 'true', ...program } : { PGLITE_DIR: 'memory://', SEED_PERSONAS: 'true', ...program },
  );
  try {
    const cookie = await sessionCookie(bff, 'with-points');
    // Warm-up, then the measured run.
    await cannon({ url: `${bff.baseUrl}/api/me/card`, headers: { cookie }, duration: 2 });
    const cardRead = await cannon({ url: `${bff.baseUrl}/api/me/card`, headers: { cookie }, duration: seconds });

    // Purchases through the clerk console's API, spread over the seeded members, each with a fresh receipt id (a real grant every time).
    const login = await fetch(`${bff.baseUrl}/api/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk1', password: DEMO_STAFF.password }),
    });
    const staffCookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const memberNumbers = personas.flatMap((p) => (p.seed ? [p.seed.memberNumber] : []));
    let counter = 0;
    const stamp = Date.now().toString(36);
    const purchase = await cannon({
      url: `${bff.baseUrl}/api/staff/purchases`,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            counter += 1;
            return {
              ...request,
              headers: { 'content-type': 'application/json', cookie: staffCookie, 'idempotency-key': `bench-${stamp}-${counter}` },
              body: JSON.stringify({ memberCode: memberNumbers[counter % memberNumbers.length], amountYen: 1_000 + (counter % 90) * 100, receiptId: `bench-${stamp}-${counter}` }),
            };
          },
        },
      ],
    });
    const result: EngineLoad = { engine, cardRead, purchase };
    if (engine === 'postgres') result.pgbench = await pgbenchBaseline(databaseUrl!, seconds);
    return result;
  } finally {
    await bff.stop();
  }
}

/**
 * The SQL the BFF runs for one card read and for one purchase grant, as pgbench scripts against
 * the same database (the with-points persona's member, new receipt ids per transaction).
 */
async function pgbenchBaseline(databaseUrl: string, seconds: number): Promise<{ cardReadTps: number; purchaseTps: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(`select id from members where line_user_id = 'U00000000000000000000000000000002'`);
  await client.end();
  const memberId = rows[0]!.id;
  const dir = mkdtempSync(join(tmpdir(), 'mc-pgbench-'));
  const cardRead = join(dir, 'card-read.sql');
  writeFileSync(
    cardRead,
    `select id, member_number, display_name from members where id = :member;
select coalesce(sum(remaining), 0) from point_lots where member_id = :member and expires_at >= now() and reversed_at is null;
select expires_at, sum(remaining) from point_lots where member_id = :member and expires_at >= now() and reversed_at is null and remaining > 0 group by expires_at order by expires_at;
select coalesce(sum(amount_yen), 0) from purchases where member_id = :member and voided_at is null and purchased_at >= now() - interval '12 months' and purchased_at <= now();
select * from stamps where member_id = :member order by id;
select * from coupons where member_id = :member and used_at is null and valid_from <= now() and valid_until >= now() order by valid_until;
`,
  );
  const purchase = join(dir, 'purchase.sql');
  writeFileSync(
    purchase,
    `\\set r random(1, 1000000000000)
begin;
select id from members where id = :member for update;
select * from purchases where store_id = 'pgbench' and receipt_id = 'r' || :r;
insert into purchases (member_id, store_id, receipt_id, amount_yen, purchased_at, points_earned, stamp_awarded) values (:member, 'pgbench', 'r' || :r, 5400, now(), 0, false) returning id \\gset p_
select coalesce(sum(amount_yen), 0) from purchases where member_id = :member and voided_at is null and purchased_at >= now() - interval '12 months' and id <> :p_id;
select * from point_entries where member_id = :member and key = 'purchase:' || :p_id;
select * from point_lots where member_id = :member and remaining > 0 and reversed_at is null;
insert into point_lots (member_id, id, source_key, earned_at, expires_at, points, remaining) values (:member, 'lot:purchase:' || :p_id, 'purchase:' || :p_id, now(), now() + interval '12 months', 54, 54);
insert into point_entries (member_id, key, kind, at, points, balance_after, purchase_id, store_id, lot_id, allocations, reallocations, unrecoverable_points, forfeited_points) values (:member, 'purchase:' || :p_id, 'earn', now(), 54, 54, :p_id::text, 'pgbench', 'lot:purchase:' || :p_id, '[]', '[]', 0, 0);
select * from stamps where member_id = :member order by id;
update purchases set points_earned = 54, stamp_awarded = false where id = :p_id;
select coalesce(sum(remaining), 0) from point_lots where member_id = :member and expires_at >= now() and reversed_at is null;
commit;
`,
  );
  const tps = async (script: string) => {
    const { stdout } = await run('pgbench', ['-n', '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-D', `member='${memberId}'`, '-f', script, databaseUrl], {
      maxBuffer: 10 * 1024 * 1024,
    });
    const match = stdout.match(/tps = ([\d.]+)/);
    if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(match[1]);
  };
  return { cardReadTps: await tps(cardRead), purchaseTps: await tps(purchase) };
}
