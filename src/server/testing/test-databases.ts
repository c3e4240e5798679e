import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/database';

/**
 * The engines every integration test runs on: PGlite always, PostgreSQL too when DATABASE_URL
 * is set. Each PostgreSQL test database is created fresh and dropped afterwards.
 */
export type TestDatabaseTarget = { name: 'pglite' | 'postgres'; open: () => Promise<DatabaseHandle> };

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database next to `baseUrl`'s, for a test (or a child process) to use and drop. */
export async function createFreshPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mc_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(baseUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdminClient(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function openFreshPostgres(baseUrl: string): Promise<DatabaseHandle> {
  const fresh = await createFreshPostgresDatabase(baseUrl);
  const handle = await openDatabase({ kind: 'postgres', url: fresh.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await fresh.drop();
    },
  };
}

export function testDatabaseTargets(env: Record<string, string | undefined> = process.env): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ name: 'pglite', open: () => openDatabase({ kind: 'pglite', dataDir: 'memory://' }) }];
  const url = env.DATABASE_URL;
  if (url) targets.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return targets;
}

/** Ends every session on `url`'s database, as a failover or an operator's pg_terminate_backend does; returns how many. */
export async function terminateBackends(url: string): Promise<number> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  return withAdminClient(admin.toString(), async (client) => {
    const result = await client.query('SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    return Number((result.rows[0] as { n: string }).n);
  });
}
