import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createSessionCodec } from '../../src/server/auth/session';
import { startBff } from '../../src/server/testing/bff-process';
import { createFreshPostgresDatabase } from '../../src/server/testing/test-databases';

const run = promisify(execFile);

/**
 * Card read latency against databases holding N members (filled by the demo-data generator, or
 * kept from an earlier fill), each request for a random member, to show the cost does not grow
 * with the member count. The sizes' rounds alternate, so a change in the machine's load weighs on
 * each alike; each figure is the median of its rounds.
 */
export type ScaleResult = { members: number; fillSeconds: number | null; requestsPerSecond: number; p50Ms: number; p99Ms: number; p99RoundsMs: number[] };

const SESSION_SECRET = 'bench-session-secret-of-at-least-32-characters';

type ScaleDatabase = { members: number; url: string; fillSeconds: number | null; cookies: string[]; drop: () => Promise<void> };

async function fill(baseUrl: string, members: number): Promise<Omit<ScaleDatabase, 'cookies'>> {
  const fresh = await createFreshPostgresDatabase(baseUrl);
  const started = performance.now();
  try {
    await run('npm', ['run', '--silent', 'demo-data', '--', '--members', String(members), '--seed', '7'], {
      // vite's build() in this process sets NODE_ENV=production; the generator is a development tool.
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: fresh.url },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60 * 60_000,
    });
  } catch (error) {
    await fresh.drop();
    throw error;
  }
  return { members, url: fresh.url, fillSeconds: (performance.now() - started) / 1000, drop: fresh.drop };
}

/** Session cookies of 2,000 random members of the database (the BFF checks them against their rows). */
async function randomMemberCookies(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; session_generation: number }>('select id, session_generation from members where line_user_id is not null order by random() limit 2000');
    const codec = createSessionCodec(SESSION_SECRET, 3600);
    return Promise.all(rows.map(async (r) => `mc_session=${await codec.issue({ memberId: r.id, generation: r.session_generation })}`));
  } finally {
    await client.end();
  }
}

async function round(db: ScaleDatabase, seconds: number) {
  const bff = await startBff({ DATABASE_URL: db.url, SEED_PERSONAS: 'false', SESSION_SECRET });
  try {
    let i = 0;
    const options: autocannon.Options = {
      url: `${bff.baseUrl}/api/me/card`,
      connections: 50,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, headers: { cookie: db.cookies[i++ % db.cookies.length]! } }) }],
    };
    await autocannon({ ...options, duration: 2 });
    const result = await autocannon({ ...options, duration: seconds });
    if (result.non2xx > 0) throw new Error(`scale bench: ${result.non2xx} card reads failed`);
    return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
  } finally {
    await bff.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/**
 * `kept`: member count → a database already filled by `npm run demo-data` (e.g. a 1,000,000-member
 * fill, 45 minutes on a 2-core machine), used as it is: card reads write nothing.
 */
export async function measureScale(baseUrl: string, sizes: number[], seconds: number, rounds: number, kept: Map<number, string>): Promise<ScaleResult[]> {
  const databases: ScaleDatabase[] = [];
  try {
    for (const members of sizes) {
      const keptUrl = kept.get(members);
      const db: ScaleDatabase = { ...(keptUrl ? { members, url: keptUrl, fillSeconds: null, drop: async () => undefined } : await fill(baseUrl, members)), cookies: [] };
      databases.push(db); // listed before its cookies are made, so a failure there still drops a filled database
      db.cookies = await randomMemberCookies(db.url);
    }
    const results = databases.map(() => [] as Awaited<ReturnType<typeof round>>[]);
    for (let r = 0; r < rounds; r++) {
      for (const [index, db] of databases.entries()) results[index]!.push(await round(db, seconds));
    }
    return databases.map((db, index) => {
      const runs = results[index]!;
      return {
        members: db.members,
        fillSeconds: db.fillSeconds,
        requestsPerSecond: median(runs.map((x) => x.requestsPerSecond)),
        p50Ms: median(runs.map((x) => x.p50Ms)),
        p99Ms: median(runs.map((x) => x.p99Ms)),
        p99RoundsMs: runs.map((x) => x.p99Ms),
      };
    });
  } finally {
    for (const db of databases) await db.drop();
  }
}
