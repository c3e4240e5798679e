import { describe, expect, it } from 'vitest';
import { createStartingApp } from './starting-app';

describe('the BFF while it starts', () => {
  it('answers health, API and dev calls with a retryable 503 so waiters keep waiting and pages retry', async () => {
    const app = createStartingApp();
    for (const [method, path] of [
      ['GET', '/api/health'],
      ['GET', '/api/me/card'],
      ['POST', '/api/session'],
      ['POST', '/dev/id-token'],
    ] as const) {
      const response = await app.request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ error: { code: 'starting' } });
    }
  });
});
