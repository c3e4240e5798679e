import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { rebuildRollups } from '../dashboard/rollups';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import { defaultProgramConfig } from '../loyalty/program-config';
import { ensureSeededMember } from '../members/members.repository';

/**
 * npm run bench:register-contention [-- --seconds 8 --rounds 3 --registers 8]
 *
 * Purchases per second from 8 registers at one store on one day, through the loyalty service on
 * PostgreSQL (DATABASE_URL's server, in a database of its own that is dropped afterwards), with
 * the dashboard rollups' triggers off (no rollups), on with their 8 shards, and on with every
 * shard function answering 0 (one row per store and day, as without sharding). Modes alternate
 * round by round so the machine's load falls on all of them alike.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string' }, rounds: { type: 'string' }, registers: { type: 'string' } } });
const seconds = Number(values.seconds ?? 8);
const rounds = Number(values.rounds ?? 3);
const registers = Number(values.registers ?? 8);
const env = readServerEnv();
if (env.database.kind !== 'postgres') throw new Error('Set DATABASE_URL to a PostgreSQL server: PGlite runs one statement at a time, so registers never contend.');

const name = `bench_contention_${randomBytes(4).toString('hex')}`;
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: (env.database as { url: string }).url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};
await admin(`CREATE DATABASE ${name}`);
const url = new URL(env.database.url);
url.pathname = `/${name}`;
const database = await openDatabase({ kind: 'postgres', url: url.toString() });
const { db } = database;
const program = defaultProgramConfig;
const loyalty = createLoyaltyService({ db, program, clock: () => new Date() });

type Mode = 'no rollups' | 'rollups, 8 shards' | 'rollups, 1 shard';
const SHARDED = [
  `CREATE OR REPLACE FUNCTION dashboard_shard(key text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashtext(key) & 7)::smallint $$`,
  `CREATE OR REPLACE FUNCTION dashboard_event_shard(id bigint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (id & 7)::smallint $$`,
];
const UNSHARDED = [
  `CREATE OR REPLACE FUNCTION dashboard_shard(key text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 0::smallint $$`,
  `CREATE OR REPLACE FUNCTION dashboard_event_shard(id bigint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 0::smallint $$`,
];

async function setMode(mode: Mode) {
  for (const statement of mode === 'rollups, 1 shard' ? UNSHARDED : SHARDED) await db.execute(sql.raw(statement));
  if (mode === 'no rollups') await db.execute(sql`DELETE FROM dashboard_rollup_state`);
  else await rebuildRollups(db, program, new Date());
}

try {
  const memberIds: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const member = await ensureSeededMember(db, {
      lineUserId: `Ubench${String(i).padStart(27, '0')}`,
      memberNumber: `29${String(i).padStart(11, '0')}`,
      displayName: `bench ${i}`,
      createdAt: new Date(),
    });
    memberIds.push(member!.id);
  }
  let receipt = 0;
  let next = 0;
  async function register(until: number, latencies: number[]) {
    let done = 0;
    while (performance.now() < until) {
      const began = performance.now();
      // Members in turn: the per-member row lock is not what is measured here.
      const outcome = await loyalty.recordPurchase({ memberId: memberIds[next++ % memberIds.length]!, storeId: 'shibuya', receiptId: `c-${receipt++}`, amountYen: 2_400 });
      if (!outcome.ok) throw new Error(`purchase refused: ${outcome.error}`);
      latencies.push(performance.now() - began);
      done++;
    }
    return done;
  }
  const modes: Mode[] = ['no rollups', 'rollups, 8 shards', 'rollups, 1 shard'];
  const results = new Map<Mode, { purchases: number; seconds: number; latencies: number[] }>();
  await setMode('rollups, 8 shards');
  await Promise.all(Array.from({ length: registers }, () => register(performance.now() + 2_000, []))); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
      await setMode(mode);
      const latencies: number[] = [];
      const began = performance.now();
      const counts = await Promise.all(Array.from({ length: registers }, () => register(began + seconds * 1000, latencies)));
      const taken = (performance.now() - began) / 1000;
      const sum = results.get(mode) ?? { purchases: 0, seconds: 0, latencies: [] };
      results.set(mode, { purchases: sum.purchases + counts.reduce((a, b) => a + b, 0), seconds: sum.seconds + taken, latencies: [...sum.latencies, ...latencies] });
      console.error(`round ${round + 1} ${mode}: ${(counts.reduce((a, b) => a + b, 0) / taken).toFixed(0)}/s`);
    }
  }
  const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(`${registers} registers at one store on one day, ${rounds} × ${seconds} s per mode, ${new Date().toISOString()}\n`);
  console.log('| mode | purchases/s | p50 | p99 |\n|---|---|---|---|');
  for (const mode of modes) {
    const r = results.get(mode)!;
    const sorted = [...r.latencies].sort((a, b) => a - b);
    console.log(`| ${mode} | ${(r.purchases / r.seconds).toFixed(0)} | ${quantile(sorted, 0.5).toFixed(0)} ms | ${quantile(sorted, 0.99).toFixed(0)} ms |`);
  }
} finally {
  await database.close();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
