import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createSessionCodec } from '../../src/server/auth/session';
import { startBff } from '../../src/server/testing/bff-process';
import { createFreshPostgresDatabase } from '../../src/server/testing/test-databases';

const run = promisify(execFile);

/**
 * Card read latency against a database holding N members (filled by the demo-data generator),
 * each request for a random member, to show the cost does not grow with the member count.
 */
export type ScaleResult = { members: number; fillSeconds: number; requestsPerSecond: number; p50Ms: number; p99Ms: number };

const SESSION_SECRET = 'bench-session-secret-of-at-least-32-characters';

export async function measureScale(baseUrl: string, members: number, seconds: number): Promise<ScaleResult> {
  const fresh = await createFreshPostgresDatabase(baseUrl);
  try {
    const started = performance.now();
    await run('npm', ['run', '--silent', 'demo-data', '--', '--members', String(members), '--seed', '7'], {
      // vite's build() in this process sets NODE_ENV=production; the generator is a development tool.
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: fresh.url },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 30 * 60_000,
    });
    const fillSeconds = (performance.now() - started) / 1000;

    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    const { rows } = await client.query<{ id: string; session_generation: number }>('select id, session_generation from members order by random() limit 2000');
    await client.end();
    const codec = createSessionCodec(SESSION_SECRET, 3600);
    const cookies = await Promise.all(rows.map(async (r) => `mc_session=${await codec.issue({ memberId: r.id, generation: r.session_generation })}`));

    const bff = await startBff({ DATABASE_URL: fresh.url, SEED_PERSONAS: 'false', SESSION_SECRET });
    try {
      let i = 0;
      const options: autocannon.Options = {
        url: `${bff.baseUrl}/api/me/card`,
        connections: 50,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, headers: { cookie: cookies[i++ % cookies.length]! } }) }],
      };
      await autocannon({ ...options, duration: 2 });
      const result = await autocannon({ ...options, duration: seconds });
      if (result.non2xx > 0) throw new Error(`scale bench: ${result.non2xx} card reads failed`);
      return { members, fillSeconds, requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
    } finally {
      await bff.stop();
    }
  } finally {
    await fresh.drop();
  }
}
