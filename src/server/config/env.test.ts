import { describe, expect, it } from 'vitest';
import { readServerEnv } from './env';

/** Shaped like `openssl rand -base64 32`. */
const GENERATED_SECRET = 'q3Vf8Zr1LmN0xT6wYb2Kc9HdJ4sPuE7a+GhRj5oWkQ=';
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: GENERATED_SECRET,
  LINE_LOGIN_CHANNEL_ID: '1657000000',
  LINE_CHANNEL_ACCESS_TOKEN: 'token',
  LINE_CHANNEL_SECRET: 'secret',
};

describe('server configuration', () => {
  it('defaults to embedded PGlite, the dev key set and seeded personas in development', () => {
    const env = readServerEnv({});
    expect(env.database).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(env.authMode).toBe('dev');
    expect(env.seedPersonas).toBe(true);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(readServerEnv({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db', poolSize: 10 });
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_SIZE and refuses a size that is no count of connections', () => {
    expect(readServerEnv({ DATABASE_URL: 'postgres://u@h/db', DATABASE_POOL_SIZE: '25' }).database).toMatchObject({ kind: 'postgres', poolSize: 25 });
    for (const size of ['0', '-1', '2.5', 'many']) {
      expect(() => readServerEnv({ DATABASE_URL: 'postgres://u@h/db', DATABASE_POOL_SIZE: size }), size).toThrow(/DATABASE_POOL_SIZE/);
    }
  });

  it('refuses to start production with the dev key set, listing every problem', () => {
    expect(() => readServerEnv({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(
      /AUTH_MODE: production refuses the dev key set[\s\S]*SESSION_SECRET: required in production/,
    );
  });

  it('verifies against LINE in production and needs the channel id', () => {
    expect(() => readServerEnv({ NODE_ENV: 'production', SESSION_SECRET: GENERATED_SECRET })).toThrow(/LINE_LOGIN_CHANNEL_ID: required/);
    const env = readServerEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: GENERATED_SECRET,
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

  it('CRM over HTTP needs its URL and key; LINE Messaging API settings have development defaults', () => {
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

  it('refuses to seed personas and demo staff in production, whose list would publish the admin password', () => {
    expect(readServerEnv(PRODUCTION).seedPersonas).toBe(false);
    expect(() => readServerEnv({ ...PRODUCTION, SEED_PERSONAS: 'true' })).toThrow(/SEED_PERSONAS: production refuses seeding/);
    expect(readServerEnv({ SEED_PERSONAS: 'true' }).seedPersonas).toBe(true);
  });

  it('refuses a session secret that looks typed, in every environment', () => {
    expect(() => readServerEnv({ ...PRODUCTION, SESSION_SECRET: 'a'.repeat(32) })).toThrow(/SESSION_SECRET: looks typed, not generated/);
    expect(() => readServerEnv({ SESSION_SECRET: 'changeme-changeme-changeme-change' })).toThrow(/looks typed/);
    expect(() => readServerEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: needs at least 32 characters/);
    expect(readServerEnv(PRODUCTION).sessionSecret).toBe(GENERATED_SECRET);
  });

  it('counts trusted proxies: none by default, TRUST_PROXY=true is one, TRUST_PROXY_HOPS sets more', () => {
    expect(readServerEnv({}).proxyHops).toBe(0);
    expect(readServerEnv({ TRUST_PROXY: 'true' }).proxyHops).toBe(1);
    expect(readServerEnv({ TRUST_PROXY_HOPS: '2' }).proxyHops).toBe(2);
    expect(() => readServerEnv({ TRUST_PROXY: 'false', TRUST_PROXY_HOPS: '1' })).toThrow(/TRUST_PROXY_HOPS: contradicts/);
  });

  it('Google Wallet: the mock and a generated key outside production, off in production until all three issuer settings are given', () => {
    expect(readServerEnv({}).googleWallet).toEqual({ mode: 'development', apiBaseUrl: 'http://127.0.0.1:8818', tokenUrl: 'http://127.0.0.1:8818/token' });
    expect(readServerEnv(PRODUCTION).googleWallet).toBeNull();
    expect(() => readServerEnv({ ...PRODUCTION, GOOGLE_WALLET_ISSUER_ID: '3388000000022000000' })).toThrow(/GOOGLE_WALLET_ISSUER_ID: Google Wallet needs/);
    const key = '-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n';
    const configured = readServerEnv({
      ...PRODUCTION,
      GOOGLE_WALLET_ISSUER_ID: '3388000000022000000',
      GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: 'wallet@brand.iam.gserviceaccount.com',
      GOOGLE_WALLET_SERVICE_ACCOUNT_KEY: key,
    }).googleWallet;
    expect(configured).toMatchObject({ mode: 'configured', apiBaseUrl: 'https://walletobjects.googleapis.com', tokenUrl: 'https://oauth2.googleapis.com/token' });
    // A key pasted from the JSON key file keeps its "\n" escapes: they become newlines.
    expect(configured?.mode === 'configured' && configured.privateKeyPem).toBe('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    expect(() => readServerEnv({ GOOGLE_WALLET_LOGO_URL: 'http://brand.example/logo.png' })).toThrow(/GOOGLE_WALLET_LOGO_URL must be https/);
  });
});
