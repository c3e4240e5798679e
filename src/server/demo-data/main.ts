import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { parseJstDate, startOfJstDay } from '../loyalty/jst';
import { defaultProgramConfig, parseProgramConfig } from '../loyalty/program-config';
import { generateDemoData } from './demo-data';

/**
 * npm run demo-data -- --members 10000 [--seed 1] [--until 2026-11-24] [--months 18] [--batch 20000]
 * Fills the database the BFF uses (DATABASE_URL, else PGlite at PGLITE_DIR, default .data/pglite).
 * Stop the dev server first when it uses the same PGlite folder.
 */
const usage = 'usage: npm run demo-data -- --members <n> [--seed <int>] [--until YYYY-MM-DD] [--months <n>] [--batch <n>]';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0 (got ${value})\n${usage}`);
  return n;
}

const { values } = parseArgs({
  options: { members: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' }, months: { type: 'string' }, batch: { type: 'string' } },
});
const members = positiveInt('members', values.members, 10_000);
const seed = positiveInt('seed', values.seed, 1);
const months = positiveInt('months', values.months, 18);
const batchSize = positiveInt('batch', values.batch, 20_000);
const untilDay = values.until === undefined ? null : parseJstDate(values.until);
if (values.until !== undefined && !untilDay) throw new Error(`--until must be a day as YYYY-MM-DD\n${usage}`);

const env = readServerEnv();
const program = env.programConfigFile ? parseProgramConfig(JSON.parse(await readFile(env.programConfigFile, 'utf8'))) : defaultProgramConfig;
const database = await openDatabase(env.database);
const where = env.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${env.database.dataDir})`;
const began = performance.now();
try {
  const result = await generateDemoData(database.db, program, {
    members,
    seed,
    months,
    batchSize,
    until: untilDay ? startOfJstDay(untilDay) : new Date(),
    onBatch: (done, total) => console.log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} members (${((performance.now() - began) / 1000).toFixed(1)} s)`),
  });
  const counts = await database.db.execute(
    (await import('drizzle-orm')).sql.raw(
      `SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM point_entries)::int AS ledger_entries,
        (SELECT count(*) FROM purchases)::int AS purchases, (SELECT count(*) FROM coupons)::int AS coupons,
        (SELECT count(*) FROM line_friend_events)::int AS friend_events, (SELECT count(*) FROM member_links)::int AS links`,
    ),
  );
  console.log(`Demo data in ${where}: history ${result.start.toISOString()} .. ${result.until.toISOString()}, seed ${seed}`);
  console.log((counts as unknown as { rows: unknown[] }).rows[0]);
  console.log(`Done in ${((performance.now() - began) / 1000).toFixed(1)} s`);
} finally {
  await database.close();
}
