import { describe, expect, it } from 'vitest';
import { readServerEnv } from './env';

describe('server configuration', () => {
  it('defaults to embedded PGlite, the dev key set and seeded personas in development', () => {
    const env = readServerEnv({});
    expect(env.database).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(env.authMode).toBe('dev');
    expect(env.seedPersonas).toBe(true);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(readServerEnv({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
  });

  it('refuses to start production with the dev key set, listing every problem', () => {
    expect(() => readServerEnv({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(
      /AUTH_MODE: production refuses the dev key set[\s\S]*SESSION_SECRET: required in production/,
    );
  });

  it('verifies against LINE in production and needs the channel id', () => {
    expect(() => readServerEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/LINE_LOGIN_CHANNEL_ID: required/);
    const env = readServerEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      LINE_LOGIN_CHANNEL_ID: '1657000000',
      LINE_CHANNEL_ACCESS_TOKEN: 'token',
      LINE_CHANNEL_SECRET: 'secret',
    });
    expect(env).toMatchObject({ authMode: 'line', lineJwksUrl: 'https://api.line.me/oauth2/v2.1/certs', secureCookies: true, seedPersonas: false });
  });

  it('logs at info unless LOG_LEVEL names another pino level', () => {
    expect(readServerEnv({}).logLevel).toBe('info');
    expect(readServerEnv({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => readServerEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => readServerEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
  });

  it('issue #5: CRM over HTTP needs its URL and key; LINE Messaging API settings have development defaults', () => {
    expect(() => readServerEnv({ CRM_MODE: 'http' })).toThrow(/CRM_MODE=http needs CRM_BASE_URL and CRM_API_KEY/);
    expect(readServerEnv({ CRM_MODE: 'http', CRM_BASE_URL: 'http://127.0.0.1:8827', CRM_API_KEY: 'k' }).crm).toEqual({
      mode: 'http',
      baseUrl: 'http://127.0.0.1:8827',
      apiKey: 'k',
      timeoutMs: 3000,
      retries: 2,
    });
    expect(readServerEnv({}).line).toMatchObject({ apiBaseUrl: 'https://api.line.me', richMenus: {} });
    expect(readServerEnv({ LINE_RICH_MENUS: '{"linked":"richmenu-1"}' }).line.richMenus).toEqual({ linked: 'richmenu-1' });
    expect(() => readServerEnv({ LINE_RICH_MENUS: 'nope' })).toThrow(/LINE_RICH_MENUS must be a JSON object/);
    expect(readServerEnv({}).jobsInProcess).toBe(true);
    expect(readServerEnv({ DATABASE_URL: 'postgres://u@h/db' }).jobsInProcess).toBe(false);
  });
});
