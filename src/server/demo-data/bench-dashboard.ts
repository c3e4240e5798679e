import { readFile } from 'node:fs/promises';
import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { blocksPerDay, couponFigures, funnel, linksPerDay, pointsLiability, storeFigures } from '../dashboard/figures';
import { addDaysJst, addMonthsJst, formatJstDate, jstDate } from '../loyalty/jst';
import { defaultProgramConfig, parseProgramConfig } from '../loyalty/program-config';

/**
 * npm run bench:dashboard — times every dashboard figure on the database the BFF uses (after
 * `npm run demo-data`): the median of 5 runs after one warm-up, for the last 30 days and the last 12 months.
 */
const env = readServerEnv();
const program = env.programConfigFile ? parseProgramConfig(JSON.parse(await readFile(env.programConfigFile, 'utf8'))) : defaultProgramConfig;
const database = await openDatabase(env.database);
const { db } = database;
const now = new Date();
const today = jstDate(now);
const ranges = {
  '30 days': { from: formatJstDate(addDaysJst(today, -30)), to: formatJstDate(addDaysJst(today, -1)) },
  '12 months': { from: formatJstDate(addMonthsJst(today, -12)), to: formatJstDate(addDaysJst(today, -1)) },
};

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
  console.log(`engine: ${database.engine}`);
  for (const [label, range] of Object.entries(ranges)) {
    const figures: Record<string, () => Promise<unknown>> = {
      funnel: () => funnel(db, program, range),
      'links-per-day': () => linksPerDay(db, range),
      coupons: () => couponFigures(db, range),
      'points-liability': () => pointsLiability(db, program, now),
      'blocks-per-day': () => blocksPerDay(db, range),
      stores: () => storeFigures(db, program, range, null),
    };
    for (const [name, run] of Object.entries(figures)) console.log(`${label.padEnd(10)} ${name.padEnd(17)} ${(await median(run)).toFixed(1).padStart(8)} ms`);
  }
} finally {
  await database.close();
}
