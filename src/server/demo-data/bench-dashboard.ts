import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DashboardRange } from '../../contract/dashboard';
import { readServerEnv } from '../config/env';
import { openDatabase, type Database, type DatabaseTarget } from '../db/database';
import * as reference from '../dashboard/figures';
import * as rollup from '../dashboard/rollup-figures';
import { ensureRollups } from '../dashboard/rollups';
import { addDaysJst, addMonthsJst, formatJstDate, jstDate } from '../loyalty/jst';
import { defaultProgramConfig, parseProgramConfig, type ProgramConfig } from '../loyalty/program-config';

/**
 * npm run bench:dashboard [-- --db 10k=postgres://…/bench_10k --db 1M=postgres://…/bench_1m] [--runs 5] [--reference-runs 3]
 *
 * Times every dashboard figure from the rollups (what the routes serve) and from the set-based
 * reference (figures.ts) on each database (default: the one the BFF uses), for the last day, 30
 * days and 12 months: the median of `--runs` after a warm-up for the rollups, of
 * `--reference-runs` (no warm-up) for the reference, which takes seconds at a million members.
 * Prints one Markdown table with the databases side by side. Rollups never built are built first.
 */
const usage = 'usage: npm run bench:dashboard -- [--db <label>=<postgres url or pglite dir>]... [--runs <n>] [--reference-runs <n>]';
const { values } = parseArgs({ options: { db: { type: 'string', multiple: true }, runs: { type: 'string' }, 'reference-runs': { type: 'string' } } });
const positive = (name: string, text: string | undefined, fallback: number) => {
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0\n${usage}`);
  return n;
};
const runs = positive('runs', values.runs, 5);
const referenceRuns = positive('reference-runs', values['reference-runs'], 3);

const env = readServerEnv();
const program: ProgramConfig = env.programConfigFile ? parseProgramConfig(JSON.parse(await readFile(env.programConfigFile, 'utf8'))) : defaultProgramConfig;
const targets: { label: string; target: DatabaseTarget }[] = (values.db ?? []).map((spec) => {
  const at = spec.indexOf('=');
  if (at < 1) throw new Error(`--db wants <label>=<url or dir>, got ${spec}\n${usage}`);
  const where = spec.slice(at + 1);
  return { label: spec.slice(0, at), target: /^postgres(ql)?:\/\//.test(where) ? { kind: 'postgres', url: where } : { kind: 'pglite', dataDir: where } };
});
if (targets.length === 0) targets.push({ label: env.database.kind, target: env.database });

const now = new Date();
const today = jstDate(now);
const yesterday = formatJstDate(addDaysJst(today, -1));
const ranges: Record<string, DashboardRange> = {
  '1 day': { from: yesterday, to: yesterday },
  '30 days': { from: formatJstDate(addDaysJst(today, -30)), to: yesterday },
  '12 months': { from: formatJstDate(addMonthsJst(today, -12)), to: yesterday },
};

async function median(times: number, warmUp: boolean, run: () => Promise<unknown>): Promise<number> {
  if (warmUp) await run();
  const taken: number[] = [];
  for (let i = 0; i < times; i++) {
    const began = performance.now();
    await run();
    taken.push(performance.now() - began);
  }
  return taken.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

type Figure = (figures: typeof rollup | typeof reference, db: Database, range: DashboardRange) => Promise<unknown>;
const figures: Record<string, Figure> = {
  funnel: (f, db, range) => f.funnel(db, program, range),
  'links per day': (f, db, range) => f.linksPerDay(db, range),
  coupons: (f, db, range) => f.couponFigures(db, range),
  'points liability (now)': (f, db) => f.pointsLiability(db, program, now),
  'blocks per day': (f, db, range) => f.blocksPerDay(db, range),
  stores: (f, db, range) => f.storeFigures(db, program, range, null),
};

const format = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const results = new Map<string, string[]>();
const columns: string[] = [];
for (const { label, target } of targets) {
  const database = await openDatabase(target);
  try {
    const began = performance.now();
    if (await ensureRollups(database.db, program, now)) console.error(`${label}: rollups built in ${format(performance.now() - began)}`);
    const [counts] = ((await database.db.execute(
      (await import('drizzle-orm')).sql`SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM point_entries)::int AS entries`,
    )) as unknown as { rows: { members: number; entries: number }[] }).rows;
    columns.push(`${label} (${counts!.members.toLocaleString('en')} members, ${database.engine}): rollups / reference`);
    for (const [rangeLabel, range] of Object.entries(ranges)) {
      for (const [name, figure] of Object.entries(figures)) {
        if (name.endsWith('(now)') && rangeLabel !== '30 days') continue;
        const key = name.endsWith('(now)') ? name : `${name}, ${rangeLabel}`;
        const fast = await median(runs, true, () => figure(rollup, database.db, range));
        const slow = await median(referenceRuns, false, () => figure(reference, database.db, range));
        const cell = `**${format(fast)}** / ${format(slow)}`;
        console.error(`${label} ${key}: ${cell}`);
        results.set(key, [...(results.get(key) ?? []), cell]);
      }
    }
    const reachable = `**${format(await median(runs, true, () => rollup.reachableMembers(database.db)))}** / ${format(await median(referenceRuns, false, () => reference.reachableMembers(database.db)))}`;
    console.error(`${label} reachable members (now): ${reachable}`);
    results.set('reachable members (now)', [...(results.get('reachable members (now)') ?? []), reachable]);
  } finally {
    await database.close();
  }
}
console.log(`Measured ${now.toISOString()}, rollups: median of ${runs} after a warm-up; reference: median of ${referenceRuns}.\n`);
console.log(`| figure | ${columns.join(' | ')} |`);
console.log(`|---|${columns.map(() => '---').join('|')}|`);
for (const [key, cells] of results) console.log(`| ${key} | ${cells.join(' | ')} |`);
