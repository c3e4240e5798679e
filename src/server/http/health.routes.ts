import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Database } from '../db/database';
import { DATABASE_RETRY_AFTER_SECONDS, errorBody } from './http-error';

/** How long readiness waits for `select 1` before calling the database down. */
const READINESS_TIMEOUT_MS = 3_000;

/**
 * `/api/health` is liveness: the process answers, nothing else is touched, so a restart of the
 * database never makes an orchestrator kill healthy BFFs. `/api/health/ready` is readiness: a load
 * balancer sends traffic only while the database answers.
 */
export function healthRoutes(db: Database) {
  return new Hono()
    .get('/', (c) => c.json({ ok: true }))
    .get('/ready', async (c) => {
      const reachable = await Promise.race([
        db.execute(sql`select 1`).then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), READINESS_TIMEOUT_MS).unref()),
      ]);
      if (reachable) return c.json({ ok: true, database: 'up' });
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return c.json({ ok: false, database: 'down', ...errorBody('database_unavailable', 'The database does not answer.') }, 503);
    });
}
