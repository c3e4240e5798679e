import { describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap';
import { createApp } from './app/app';
import { readServerEnv } from './config/env';

describe('production wiring', () => {
  it('publishes no demo staff in production, even from a configuration that slipped past the env check', { timeout: 60_000 }, async () => {
    const env = readServerEnv({
      NODE_ENV: 'production',
      PGLITE_DIR: 'memory://',
      SESSION_SECRET: 'q3Vf8Zr1LmN0xT6wYb2Kc9HdJ4sPuE7a+GhRj5oWkQ=',
      LINE_LOGIN_CHANNEL_ID: '1657000000',
      LINE_CHANNEL_ACCESS_TOKEN: 'token',
      LINE_CHANNEL_SECRET: 'secret',
    });
    const { deps, database } = await bootstrap({ ...env, seedPersonas: true });
    try {
      expect(deps.demoStaff).toBeUndefined();
      expect(deps.production).toBe(true);
      // The embedded engine serves one statement at a time: API requests take turns in arrival order.
      expect(deps.requestQueue).toBe(1);
      const response = await createApp(deps).request('/api/staff/demo-accounts');
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('demo-1234');
    } finally {
      await database.close();
    }
  });
});
