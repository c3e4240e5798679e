import { serve } from '@hono/node-server';
import { bootstrap } from './bootstrap';
import { readServerEnv } from './config/env';
import { createApp } from './http/app';
import { startJobLoop } from './jobs/job-loop';
import { createLineClient } from './line/line-client';

const env = readServerEnv();
const { deps, database } = await bootstrap(env);
const app = createApp(deps);
// Issue #5: with embedded PGlite (one process) the BFF also runs the job loop that `npm run jobs` runs elsewhere.
const jobs = env.jobsInProcess
  ? startJobLoop(
      { ...deps, line: createLineClient({ apiBaseUrl: env.line.apiBaseUrl, channelAccessToken: env.line.channelAccessToken }), richMenus: env.line.richMenus },
      env.jobsIntervalSeconds,
    )
  : null;

const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
  const where = env.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${env.database.dataDir})`;
  console.log(`Member Card BFF on http://${env.host}:${info.port} — ${where}, auth ${env.authMode}`);
});

// Expiry and birthday coupons need no outside scheduler (PGlite allows one process only);
// the job is idempotent, so running it hourly does each day's work once.
const dailyJob = env.dailyJobIntervalMinutes > 0 ? setInterval(runDailyJob, env.dailyJobIntervalMinutes * 60_000) : undefined;
if (dailyJob) void runDailyJob();

async function runDailyJob() {
  try {
    const result = await deps.loyalty.runDailyJob();
    if (result.membersTouched > 0) console.log(`daily job: ${JSON.stringify(result)}`);
  } catch (error) {
    console.error('daily job failed (retried at the next interval):', error);
  }
}

async function shutdown() {
  clearInterval(dailyJob);
  server.close();
  await jobs?.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
