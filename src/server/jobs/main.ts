import { loadProgramConfig } from '../bootstrap';
import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { createLineClient } from '../line/line-client';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import { multicastDelivery } from '../segments/segments.service';
import { startJobLoop } from './job-loop';
import { runJobTick } from './jobs';
import { createLogger } from '../logging/logger';
import { composeWallets } from '../wallet/wallet-composition';

/**
 * `npm run jobs`: the job runner. Every JOBS_INTERVAL_SECONDS it drains the LINE outbox (retries
 * with backoff) and, once per JST day, runs the loyalty daily job and queues the pushes it makes
 * due. `npm run jobs -- --once` (alias `npm run daily-job`) does one tick, the same tick the loop
 * runs, and exits: for cron. A second run the same JST day only drains the outbox. PGlite admits one process: with
 * the embedded database the BFF runs this loop itself (JOBS_IN_PROCESS) and this command is for
 * PostgreSQL or a stopped BFF.
 */
const env = readServerEnv();
const logger = createLogger({ level: env.logLevel, base: { process: 'jobs' } });
const database = await openDatabase(env.database);
const program = await loadProgramConfig(env.programConfigFile);
const clock = () => new Date();
const line = createLineClient({ apiBaseUrl: env.line.apiBaseUrl, channelAccessToken: env.line.channelAccessToken });
// The runner signs no download links: any secret will do for Apple Wallet's link key here.
const wallets = await composeWallets(env, program, clock, env.sessionSecret ?? 'job-runner-signs-no-links');
// The daily job changes cards too (expiry): their Wallet updates are queued in the same transaction.
const loyalty = createLoyaltyService({ db: database.db, program, clock, onCardChanged: wallets.onCardChanged });
const deps = {
  db: database.db,
  program,
  clock,
  loyalty,
  line,
  richMenus: env.line.richMenus,
  deliveries: {
    multicast: multicastDelivery({ db: database.db, line }),
    ...wallets.deliveries(database.db, loyalty),
  },
};

if (process.argv.includes('--once')) {
  logger.info({ jobs: await runJobTick(deps) }, 'job tick');
  await database.close();
} else {
  logger.info(`Member Card jobs: every ${env.jobsIntervalSeconds} s, LINE API ${env.line.apiBaseUrl}`);
  const loop = startJobLoop(deps, env.jobsIntervalSeconds, logger);
  const shutdown = async () => {
    await loop.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
