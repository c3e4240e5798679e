import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { readServerEnv } from './config/env';
import type { DatabaseHandle } from './db/database';
import { createStartingApp } from './http/starting-app';
import { createLogger } from './logging/logger';

/** Seconds since the process started (performance.now() counts from there), module loading included. */
const seconds = () => (performance.now() / 1000).toFixed(1);
const env = readServerEnv();
const logger = createLogger({ level: env.logLevel });

// Listen before loading the rest: until the database is migrated (and seeded in development) every
// request gets a retryable 503, so a page opened early waits instead of failing on a refused connection.
let app: Pick<Hono, 'fetch'> = createStartingApp();
const server = serve({ fetch: (request, ...rest) => app.fetch(request, ...rest), hostname: env.host, port: env.port }, (info) => {
  logger.info(`Member Card BFF listening on http://${env.host}:${info.port} after ${seconds()} s; starting…`);
});

// Filled in once started: a Ctrl+C during start-up still stops cleanly.
const running: { database?: DatabaseHandle; jobs?: { stop: () => Promise<void> } } = {};
async function shutdown() {
  server.close();
  await running.jobs?.stop();
  await running.database?.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const [{ bootstrap }, { createApp }, { startJobLoop }, { createLineClient }, { multicastDelivery }] = await Promise.all([
  import('./bootstrap'),
  import('./app/app'),
  import('./jobs/job-loop'),
  import('./line/line-client'),
  import('./segments/segments.service'),
]);
const booted = await bootstrap(env, undefined, logger);
running.database = booted.database;
const { deps, deliveries } = booted;
app = createApp(deps);
const where = env.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${env.database.dataDir})`;
logger.info(`Member Card BFF ready on http://${env.host}:${env.port} after ${seconds()} s — ${where}, auth ${env.authMode} (${booted.timings()})`);

// With embedded PGlite (one process) the BFF also runs the job loop that `npm run jobs` runs elsewhere.
if (env.jobsInProcess) {
  const line = createLineClient({ apiBaseUrl: env.line.apiBaseUrl, channelAccessToken: env.line.channelAccessToken });
  running.jobs = startJobLoop(
    { ...deps, line, richMenus: env.line.richMenus, deliveries: { ...deliveries, multicast: multicastDelivery({ db: deps.db, line }) } },
    env.jobsIntervalSeconds,
    deps.logger,
  );
}
