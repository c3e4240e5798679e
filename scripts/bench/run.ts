// npm run bench [-- --runs 5 --seconds 10 --only bundle,ttb,load,scale --scale 10000,1000000 --scale-db 1000000=postgres://… --no-readme]
// --runs: opens per time-to-barcode figure, and interleaved BFF/pgbench rounds per load figure (medians).
// --scale-db N=URL: for N members, read the database at URL (filled by `npm run demo-data`) instead of filling one.
// Prints the benchmark table and writes it into README.md between the bench markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createFreshPostgresDatabase } from '../../src/server/testing/test-databases';
import { measureBffLoad, type EngineLoad, type LoadResult } from './bff-load';
import { measureBundle, type BundleReport } from './bundle';
import { measureScale, type ScaleResult } from './scale';
import { measureTimeToBarcode, type TimeToBarcode } from './time-to-barcode';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string', default: 'bundle,ttb,load,scale' },
    scale: { type: 'string', default: '10000,1000000' },
    'scale-db': { type: 'string', multiple: true, default: [] },
    'no-readme': { type: 'boolean', default: false },
  },
});
const only = new Set(values.only.split(','));
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (x: number) => `${Math.round(x)} ms`;
const rps = (x: number) => `${Math.round(x)}/s`;

async function machine(): Promise<string> {
  let postgres = 'no PostgreSQL';
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    postgres = `PostgreSQL ${(await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version}`;
    await client.end();
  }
  const chromium = (() => {
    try {
      return execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return 'Chromium';
    }
  })();
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${postgres}, ${chromium}`;
}

const lines: string[] = [];
/** Tables printed after the main one (the bundle's composition). */
const composition: string[] = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

out(`Measured ${new Date().toISOString().slice(0, 10)} on ${await machine()} (\`npm run bench\`, runs=${runs}, ${seconds} s per load test).`);
out();
out('| what | figure |');
out('|---|---|');

if (only.has('bundle')) {
  const reports: BundleReport[] = [await measureBundle('pluggable'), await measureBundle('full-liff')];
  for (const r of reports) {
    out(`| shopper initial JS, gzip — ${r.label} | **${kB(r.initialJsGzip)}** (${kB(r.initialJsRaw)} minified) |`);
  }
  out(`| shopper JS imported once the card is on screen (the rest of the app), gzip | ${kB(reports[0]!.afterCardJsGzip)} |`);
  out(`| shopper initial CSS, gzip | **${kB(reports[0]!.initialCssGzip)}** |`);
  composition.push('', `Shopper initial JS by part (${reports[0]!.label}; each part's share of its chunk's gzip size):`, '', '| part | gzip | minified |', '|---|---|---|');
  for (const part of reports[0]!.composition) composition.push(`| ${part.part} | ${kB(part.gzip)} | ${kB(part.minified)} |`);
  const leaked = reports[0]!.forbiddenModules;
  out(`| clerk, admin, liff-mock, persona code in the initial chunks | ${leaked.length === 0 ? 'none (checked module by module)' : `**FOUND**: ${leaked.join(', ')}`} |`);
  if (leaked.length > 0) process.exitCode = 1;
}

if (only.has('ttb')) {
  const t: TimeToBarcode = await measureTimeToBarcode(runs);
  const ratio = (app: number[], floor: number[]) => `${(median(app) / median(floor)).toFixed(1)}× the floor`;
  out(`| time to barcode, first open (4× CPU, slow 4G), median of ${runs} | **${ms(median(t.firstOpenMs))}**, ${ratio(t.firstOpenMs, t.floorFirstOpenMs)} (runs: ${t.firstOpenMs.map(ms).join(', ')}) |`);
  out(`| time to barcode, repeat open (cached card), median of ${runs} | **${ms(median(t.repeatOpenMs))}**, ${ratio(t.repeatOpenMs, t.floorRepeatOpenMs)} (runs: ${t.repeatOpenMs.map(ms).join(', ')}) |`);
  out(`| floor: static page with the same inline SVG barcode, first / repeat open | ${ms(median(t.floorFirstOpenMs))} / ${ms(median(t.floorRepeatOpenMs))} (runs: ${t.floorFirstOpenMs.map(ms).join(', ')} / ${t.floorRepeatOpenMs.map(ms).join(', ')}) |`);
}

if (only.has('load')) {
  const loads: EngineLoad[] = [await measureBffLoad('pglite', undefined, seconds, runs)];
  if (databaseUrl) {
    const fresh = await createFreshPostgresDatabase(databaseUrl);
    try {
      loads.push(await measureBffLoad('postgres', fresh.url, seconds, runs));
    } finally {
      await fresh.drop();
    }
  }
  const figures = (r: LoadResult) => `**${rps(r.requestsPerSecond)}**, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, ${r.failed} failed of ${r.requests.toLocaleString('en')}`;
  const engineName = { pglite: 'PGlite (embedded default)', postgres: 'PostgreSQL' } as const;
  const vsPgbench = (bff: LoadResult, raw: LoadResult) =>
    `${figures(raw)} → BFF at **${((bff.requestsPerSecond / raw.requestsPerSecond) * 100).toFixed(0)} %** of its throughput, BFF p99 **${(bff.p99Ms / raw.p99Ms).toFixed(1)}×** its p99`;
  for (const [label, pick] of [
    ['card reads', (l: EngineLoad) => l.cardRead],
    ['purchase grants', (l: EngineLoad) => l.purchase],
  ] as const) {
    for (const l of loads) out(`| BFF ${label}, 50 connections, ${engineName[l.engine]} | ${figures(pick(l))} |`);
    const pg = loads.find((l) => l.pgbench);
    if (pg?.pgbench) {
      const raw = label === 'card reads' ? pg.pgbench.cardRead : pg.pgbench.purchase;
      out(`| pgbench, the same ${label === 'card reads' ? 'card-read statement' : 'purchase transaction'}, 50 clients | ${vsPgbench(pick(pg), raw)} |`);
    }
  }
}

if (only.has('scale')) {
  if (!databaseUrl) {
    out('| scale | skipped: needs DATABASE_URL |');
  } else {
    const kept = new Map(values['scale-db'].map((entry) => [Number(entry.slice(0, entry.indexOf('='))), entry.slice(entry.indexOf('=') + 1)] as const));
    const sizes = values.scale.split(',').map(Number);
    const results: ScaleResult[] = await measureScale(databaseUrl, sizes, seconds, Math.min(runs, 3), kept);
    for (const s of results) {
      const source = s.fillSeconds === null ? 'a kept demo-data database' : `filled in ${Math.round(s.fillSeconds)} s`;
      out(`| card reads of random members, ${s.members.toLocaleString('en')} members (PostgreSQL) | p99 **${ms(s.p99Ms)}**, p50 ${ms(s.p50Ms)}, ${rps(s.requestsPerSecond)} (${source}; p99 by round: ${s.p99RoundsMs.map(ms).join(', ')}) |`);
    }
    const smallest = results[0];
    const largest = results[results.length - 1];
    if (smallest && largest && largest !== smallest) {
      out(`| card-read p99, ${largest.members.toLocaleString('en')} members against ${smallest.members.toLocaleString('en')} (rounds alternated) | **${(largest.p99Ms / smallest.p99Ms).toFixed(2)}×** |`);
    }
  }
}

for (const line of composition) out(line);

if (!values['no-readme']) {
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error('README.md lacks the bench markers');
  writeFileSync('README.md', `${readme.slice(0, from + start.length)}\n${lines.join('\n')}\n${readme.slice(to)}`);
  console.log('\nREADME.md updated.');
}
