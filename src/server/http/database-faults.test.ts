import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { createTestApp } from '../testing/test-app';
import { createLogger, requestLogging } from '../logging/logger';
import { handleError } from './http-error';
import { retryReadsOnce } from './retry-reads';

const terminated = () =>
  Object.assign(new Error('Failed query: select …'), { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) });

/** An app whose handlers fail with a lost connection the first `failures` times. */
function flakyApp(failures: number) {
  const app = new Hono();
  let calls = 0;
  app.onError(handleError);
  app.use('*', ...requestLogging(createLogger({ level: 'silent' })));
  app.use('/api/*', retryReadsOnce((request, env) => app.fetch(request, env)));
  const handler = () => {
    calls += 1;
    if (calls <= failures) throw terminated();
    return new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } });
  };
  app.get('/api/card', handler);
  app.post('/api/purchases', handler);
  return { app, calls: () => calls };
}

describe('a request that loses its database connection', () => {
  it('is answered 503 with Retry-After and a clear message, not 500', async () => {
    const { app } = flakyApp(Infinity);
    const response = await app.request('/api/purchases', { method: 'POST' });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: { code: 'database_unavailable', message: expect.stringMatching(/try again/) } });
  });

  it('is retried once when it is a read, and the retry’s answer has no Retry-After', async () => {
    const { app, calls } = flakyApp(1);
    const response = await app.request('/api/card');
    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(calls()).toBe(2);
  });

  it('is retried only once: a read that fails twice gets the 503', async () => {
    const { app, calls } = flakyApp(Infinity);
    expect((await app.request('/api/card')).status).toBe(503);
    expect(calls()).toBe(2);
  });

  it('is never retried when it is a write (its statement may have landed)', async () => {
    const { app, calls } = flakyApp(1);
    expect((await app.request('/api/purchases', { method: 'POST' })).status).toBe(503);
    expect(calls()).toBe(1);
  });
});

describe('the readiness check', () => {
  it('reports the database up, and down with a 503 once it stops answering, while liveness stays 200', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    const { app } = await createTestApp(database);
    const ready = await app.request('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: 'up' });

    await database.close();
    const down = await app.request('/api/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).not.toBeNull();
    expect(await down.json()).toMatchObject({ ok: false, database: 'down', error: { code: 'database_unavailable' } });
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
