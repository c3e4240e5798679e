import { serve } from '@hono/node-server';
import { bootstrap } from './bootstrap';
import { readServerEnv } from './config/env';
import { createApp } from './http/app';

const env = readServerEnv();
const { deps, database } = await bootstrap(env);
const app = createApp(deps);

const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, (info) => {
  const where = env.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${env.database.dataDir})`;
  console.log(`Member Card BFF on http://${env.host}:${info.port} — ${where}, auth ${env.authMode}`);
});

async function shutdown() {
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
