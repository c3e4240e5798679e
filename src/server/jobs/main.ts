import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { createLineClient } from '../line/line-client';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import { loadProgramConfig } from '../bootstrap';
import { runJobTick } from './jobs';

/**
 * `npm run jobs`: the job runner. Every JOBS_INTERVAL_SECONDS it drains the LINE outbox (retries
 * with backoff) and, once per JST day, runs the loyalty daily job and queues the pushes it makes
 * due. `npm run jobs -- --once` does one tick and exits (cron, tests).
 */
const env = readServerEnv();
const database = await openDatabase(env.database);
const program = await loadProgramConfig(env.programConfigFile);
const clock = () => new Date();
const deps = {
  db: database.db,
  program,
  clock,
  loyalty: createLoyaltyService({ db: database.db, program, clock }),
  line: createLineClient({ apiBaseUrl: env.line.apiBaseUrl, channelAccessToken: env.line.channelAccessToken }),
  richMenus: env.line.richMenus,
};

async function tick() {
  const report = await runJobTick(deps);
  const { outbox, daily } = report;
  if (daily || outbox.sent + outbox.skipped + outbox.retried + outbox.failed > 0) console.log(new Date().toISOString(), JSON.stringify(report));
}

if (process.argv.includes('--once')) {
  await tick();
  await database.close();
} else {
  console.log(`Member Card jobs: every ${env.jobsIntervalSeconds} s, LINE API ${env.line.apiBaseUrl}`);
  let stopping = false;
  const shutdown = () => {
    stopping = true;
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  while (!stopping) {
    // A failing tick (database restart, LINE outage) is logged and retried next time; the runner stays up.
    await tick().catch((error: unknown) => console.error('job tick failed', error));
    for (let waited = 0; waited < env.jobsIntervalSeconds && !stopping; waited++) await new Promise((r) => setTimeout(r, 1000));
  }
  await database.close();
}
