import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { databaseErrorCode } from './errors';

/** Either engine behind one drizzle type: PGlite embedded by default, PostgreSQL via DATABASE_URL. */
export type Database = PgDatabase<PgQueryResultHKT>;

/** `poolSize`: connections kept open to PostgreSQL (default 10). */
export type DatabaseTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize?: number };

export type DatabaseHandle = { db: Database; engine: DatabaseTarget['kind']; close: () => Promise<void> };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Arbitrary constant key: serialises migrations when several BFF replicas start at once. */
const MIGRATION_LOCK_KEY = 7_317_001;

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'pglite') {
    const inMemory = target.dataDir === 'memory://';
    if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
    const client = yieldingBetweenStatements(inMemory ? new PGlite() : new PGlite(target.dataDir));
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder });
    return { db: db as unknown as Database, engine: 'pglite', close: () => client.close() };
  }
  const pool = openPool(target.url, target.poolSize ?? DEFAULT_POOL_SIZE);
  const db = drizzlePg(pool);
  const lockClient = await pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(lockClient), { migrationsFolder });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    lockClient.release();
  }
  return { db: db as unknown as Database, engine: 'postgres', close: pool.close };
}

/** A turn of the event loop, through its poll phase (setImmediate runs after it). */
const pollPhase = () => new Promise<void>((resolve) => setImmediate(resolve));

type Queryable = Pick<PGlite, 'query' | 'exec'>;

function yieldingQueries<T extends Queryable>(target: T): T {
  const query = target.query.bind(target);
  const exec = target.exec.bind(target);
  target.query = (async (...args: Parameters<T['query']>) => {
    await pollPhase();
    return query(...(args as Parameters<Queryable['query']>));
  }) as T['query'];
  target.exec = (async (...args: Parameters<T['exec']>) => {
    await pollPhase();
    return exec(...(args as Parameters<Queryable['exec']>));
  }) as T['exec'];
  return target;
}

/**
 * PGlite runs each statement synchronously on node's one thread and resolves it at once, so a whole
 * request can run without node ever reaching its poll phase: connections opened meanwhile wait in
 * the kernel's accept queue while the accepted ones keep being served, and under a burst the last
 * ones waited past a client's 10 s (the bench, 94 of 1,933 purchases). One turn of the event loop
 * before each statement lets node accept and read them, so they join the request queue
 * (http/request-queue.ts) in arrival order.
 */
function yieldingBetweenStatements(client: PGlite): PGlite {
  yieldingQueries(client);
  const transaction = client.transaction.bind(client);
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) => transaction((tx) => callback(yieldingQueries(tx)))) as PGlite['transaction'];
  return client;
}

const DEFAULT_POOL_SIZE = 10;

/** How long a request waits for a connection before it is answered 503 (an unreachable server never answers). */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pg pool that survives its server: a connection that dies (pg_terminate_backend, a restart, a
 * failover) emits 'error' on its client, idle or checked out, and an unheard 'error' event ends the
 * Node process. Here both are heard and logged; pg-pool drops the dead client and opens a fresh one
 * on the next query, and the query that was running fails with a connection-loss error
 * (db/errors.ts) that the HTTP layer answers with a 503.
 */
function openPool(url: string, size: number) {
  const pool = new pg.Pool({ connectionString: url, max: size, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  const open = new Set<Promise<void>>();
  // Every client's own listener below logs the loss once; the pool re-emits idle clients' errors too.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', logConnectionError);
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    open.add(ended);
    void ended.then(() => open.delete(ended));
  });
  return Object.assign(pool, {
    /**
     * pool.end() resolves once every client was asked to end, before the server has seen them go:
     * waiting for each socket to close means a database dropped right after has no session to kill.
     */
    close: async () => {
      await pool.end();
      await Promise.all(open);
    },
  });
}

function logConnectionError(error: Error) {
  // The code and the driver's message only: a connection's error never carries a statement's parameters.
  console.error(JSON.stringify({ level: 'warn', msg: 'database connection lost', code: databaseErrorCode(error), error: error.message }));
}
