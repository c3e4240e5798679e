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
      deps.logger,
    )
  : null;

const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
  const where = env.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${env.database.dataDir})`;
  deps.logger.info(`Member Card BFF on http://${env.host}:${info.port} — ${where}, auth ${env.authMode}`);
});

async function shutdown() {
  server.close();
  await jobs?.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
