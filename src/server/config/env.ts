import { z } from 'zod';
import { weakSecretReason } from './secret-strength';

/**
 * The only module that reads process.env. Everything else receives `ServerEnv` as a value.
 * Parsing fails fast with every problem listed, so a misconfigured deploy never half-starts.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Blank variables count as unset (e.g. DATABASE_URL= in a shell or a test runner). */
const withoutBlanks = (source: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    /** postgres://… selects a PostgreSQL server; unset means embedded PGlite. */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://').optional(),
    /** Connections this process keeps to PostgreSQL (requests beyond it wait for one). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** PGlite data folder, or memory:// for a throw-away in-memory database. */
    PGLITE_DIR: z.string().default('.data/pglite'),
    /** `line` verifies against LINE's JWKS; `dev` signs tokens for seeded personas with a local key. */
    AUTH_MODE: z.enum(['line', 'dev']).optional(),
    LINE_LOGIN_CHANNEL_ID: z.string().regex(/^[\w-]+$/).optional(),
    LINE_JWKS_URL: z.url().default('https://api.line.me/oauth2/v2.1/certs'),
    /** Signs every session: at least 32 characters that look generated (see secret-strength.ts). */
    SESSION_SECRET: z
      .string()
      .superRefine((secret, ctx) => {
        const weakness = weakSecretReason(secret);
        if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
      })
      .optional(),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(12 * 60 * 60),
    /** Folder with the built SPA (vite build) served on the same origin. */
    STATIC_DIR: z.string().optional(),
    /** JSON file with the programme rules; the built-in defaults apply when unset. */
    PROGRAM_CONFIG_FILE: z.string().optional(),
    SEED_PERSONAS: booleanFlag.optional(),
    /** Same as TRUST_PROXY_HOPS=1 (kept for existing deployments). */
    TRUST_PROXY: booleanFlag.optional(),
    /**
     * How many proxies that append to X-Forwarded-For stand in front of the BFF. Rate limits take the
     * client address that many entries from the right; entries further left are the client's own
     * claims. 0: the socket's address.
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
    /** `builtin`: existing memberships in our own tables; `http`: an external CRM at CRM_BASE_URL. */
    CRM_MODE: z.enum(['builtin', 'http']).default('builtin'),
    CRM_BASE_URL: z.url().optional(),
    CRM_API_KEY: z.string().min(1).optional(),
    CRM_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
    CRM_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** Messaging API: a local mock (mocks/line-api-server.ts) in development, https://api.line.me in production. */
    LINE_API_BASE_URL: z.url().default('https://api.line.me'),
    LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1).optional(),
    LINE_CHANNEL_SECRET: z.string().min(1).optional(),
    /** JSON: rich menu ids by state, e.g. {"unlinked":"richmenu-…","linked":"richmenu-…","REINE":"richmenu-…"}. */
    LINE_RICH_MENUS: z
      .string()
      .transform((text, ctx) => {
        try {
          return z.record(z.string(), z.string().min(1)).parse(JSON.parse(text));
        } catch {
          ctx.addIssue({ code: 'custom', message: 'LINE_RICH_MENUS must be a JSON object of strings' });
          return z.NEVER;
        }
      })
      .optional(),
    /** How often the job runner drains the LINE outbox. */
    JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(15),
    /** Run the job loop inside the BFF (default in development on PGlite, which admits one process). */
    JOBS_IN_PROCESS: booleanFlag.optional(),
    /**
     * Google Wallet (loyalty passes): the issuer id from the Google Pay & Wallet Console and a
     * service account with access to it. Unset outside production: a generated key and the local
     * mock API (mocks/google-wallet-api-server.ts). Unset in production: no Google Wallet button.
     */
    GOOGLE_WALLET_ISSUER_ID: z.string().regex(/^\d+$/, 'GOOGLE_WALLET_ISSUER_ID is the numeric issuer id').optional(),
    GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: z.email().optional(),
    /** The service account's private key, PEM (PKCS#8, as in the JSON key file's private_key; literal \n accepted). */
    GOOGLE_WALLET_SERVICE_ACCOUNT_KEY: z
      .string()
      .transform((pem) => pem.replace(/\\n/g, '\n'))
      .refine((pem) => pem.includes('-----BEGIN PRIVATE KEY-----'), 'GOOGLE_WALLET_SERVICE_ACCOUNT_KEY must be a PKCS#8 PEM private key')
      .optional(),
    GOOGLE_WALLET_API_BASE_URL: z.url().optional(),
    GOOGLE_OAUTH_TOKEN_URL: z.url().optional(),
    /** The pass's programme logo (https, PNG, square ≥ 660 px); defaults to the brand logo when that is an https URL. */
    GOOGLE_WALLET_LOGO_URL: z.url().regex(/^https:\/\//, 'GOOGLE_WALLET_LOGO_URL must be https').optional(),
    /** Least severe log lines written (pino levels); `silent` writes none. */
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Where shoppers' phones reach the BFF (https in production): Wallet passes call back here. */
    PUBLIC_BASE_URL: z.url().optional(),
    /**
     * Apple Wallet: the Pass Type ID certificate from developer.apple.com (PEM, or a path to a PEM
     * file), its key, and Apple's WWDR intermediate. Unset in development: a local CA signs instead.
     */
    APPLE_WALLET_PASS_TYPE_ID: z.string().regex(/^pass\.[A-Za-z0-9.-]+$/, 'a pass type id like pass.com.example.member').optional(),
    APPLE_WALLET_TEAM_ID: z.string().regex(/^[A-Z0-9]{10}$/, 'a 10-character Apple team id').optional(),
    APPLE_WALLET_SIGNER_CERT: z.string().min(1).optional(),
    APPLE_WALLET_SIGNER_KEY: z.string().min(1).optional(),
    APPLE_WALLET_SIGNER_KEY_PASSPHRASE: z.string().min(1).optional(),
    APPLE_WALLET_WWDR_CERT: z.string().min(1).optional(),
    /** Development's local CA, signer and APNs key are kept here, made on the first start. */
    APPLE_WALLET_DEV_DIR: z.string().default('.data/apple-wallet-dev'),
    /** APNs token auth: the .p8 key (PEM, or a path), its key id, the team; the host (a local mock in development). */
    APPLE_APNS_KEY_ID: z.string().regex(/^[A-Z0-9]{10}$/, 'a 10-character APNs key id').optional(),
    APPLE_APNS_KEY: z.string().min(1).optional(),
    APPLE_APNS_TEAM_ID: z.string().regex(/^[A-Z0-9]{10}$/, 'a 10-character Apple team id').optional(),
    APPLE_APNS_BASE_URL: z.url().optional(),
  })
  .transform((env, ctx) => {
    const isProduction = env.NODE_ENV === 'production';
    const authMode = env.AUTH_MODE ?? (isProduction ? 'line' : 'dev');
    if (isProduction && authMode === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'production refuses the dev key set (AUTH_MODE=dev)' });
    }
    if (authMode === 'line' && !env.LINE_LOGIN_CHANNEL_ID) {
      ctx.addIssue({ code: 'custom', path: ['LINE_LOGIN_CHANNEL_ID'], message: 'required when AUTH_MODE=line' });
    }
    if (isProduction && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production' });
    }
    if (isProduction && env.SEED_PERSONAS) {
      ctx.addIssue({ code: 'custom', path: ['SEED_PERSONAS'], message: 'production refuses seeding: demo personas and demo staff with a published password' });
    }
    if (env.TRUST_PROXY === false && env.TRUST_PROXY_HOPS) {
      ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY_HOPS'], message: 'contradicts TRUST_PROXY=false: set only TRUST_PROXY_HOPS' });
    }
    if (env.CRM_MODE === 'http' && (!env.CRM_BASE_URL || !env.CRM_API_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['CRM_BASE_URL'], message: 'CRM_MODE=http needs CRM_BASE_URL and CRM_API_KEY' });
    }
    if (isProduction && (!env.LINE_CHANNEL_ACCESS_TOKEN || !env.LINE_CHANNEL_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['LINE_CHANNEL_SECRET'], message: 'production needs LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET' });
    }
    const googleWalletSet = [env.GOOGLE_WALLET_ISSUER_ID, env.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL, env.GOOGLE_WALLET_SERVICE_ACCOUNT_KEY].filter(Boolean).length;
    if (googleWalletSet > 0 && googleWalletSet < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['GOOGLE_WALLET_ISSUER_ID'],
        message: 'Google Wallet needs GOOGLE_WALLET_ISSUER_ID, GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL and GOOGLE_WALLET_SERVICE_ACCOUNT_KEY together',
      });
    }
    const appleWallet = appleWalletSettings(env, isProduction, ctx);
    return {
      nodeEnv: env.NODE_ENV,
      host: env.HOST,
      port: env.PORT,
      database: env.DATABASE_URL
        ? ({ kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE } as const)
        : ({ kind: 'pglite', dataDir: env.PGLITE_DIR } as const),
      authMode,
      lineChannelId: env.LINE_LOGIN_CHANNEL_ID ?? 'dev-channel',
      lineJwksUrl: env.LINE_JWKS_URL,
      sessionSecret: env.SESSION_SECRET,
      sessionTtlSeconds: env.SESSION_TTL_SECONDS,
      secureCookies: isProduction,
      staticDir: env.STATIC_DIR,
      programConfigFile: env.PROGRAM_CONFIG_FILE,
      seedPersonas: env.SEED_PERSONAS ?? authMode === 'dev',
      proxyHops: env.TRUST_PROXY_HOPS ?? (env.TRUST_PROXY ? 1 : 0),
      crm:
        env.CRM_MODE === 'http'
          ? ({ mode: 'http', baseUrl: env.CRM_BASE_URL ?? '', apiKey: env.CRM_API_KEY ?? '', timeoutMs: env.CRM_TIMEOUT_MS, retries: env.CRM_RETRIES } as const)
          : ({ mode: 'builtin' } as const),
      line: {
        apiBaseUrl: env.LINE_API_BASE_URL,
        // Development defaults match the mock LINE API; production demands real ones (above).
        channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? 'dev-channel-access-token',
        channelSecret: env.LINE_CHANNEL_SECRET ?? 'dev-channel-secret',
        richMenus: env.LINE_RICH_MENUS ?? {},
      },
      jobsIntervalSeconds: env.JOBS_INTERVAL_SECONDS,
      jobsInProcess: env.JOBS_IN_PROCESS ?? (env.NODE_ENV === 'development' && !env.DATABASE_URL),
      logLevel: env.LOG_LEVEL,
      googleWallet: googleWalletEnv(env, isProduction),
      publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
      appleWallet,
    };
  });

const APPLE_WALLET_CERT_VARS = ['APPLE_WALLET_PASS_TYPE_ID', 'APPLE_WALLET_TEAM_ID', 'APPLE_WALLET_SIGNER_CERT', 'APPLE_WALLET_SIGNER_KEY', 'APPLE_WALLET_WWDR_CERT'] as const;
const APPLE_APNS_VARS = ['APPLE_APNS_KEY_ID', 'APPLE_APNS_KEY'] as const;
type RawEnv = Partial<Record<(typeof APPLE_WALLET_CERT_VARS)[number] | (typeof APPLE_APNS_VARS)[number] | 'APPLE_WALLET_SIGNER_KEY_PASSPHRASE' | 'APPLE_APNS_TEAM_ID' | 'APPLE_APNS_BASE_URL' | 'PUBLIC_BASE_URL', string>> & {
  APPLE_WALLET_DEV_DIR: string;
};

/**
 * Apple Wallet is `configured` (all of the pass certificates set), `development` (none set, not in
 * production: a local CA and a mock APNs stand in) or `disabled` (none set in production: the
 * routes answer 404 and the wallet is not offered). Half a configuration is an error.
 */
function appleWalletSettings(env: RawEnv, isProduction: boolean, ctx: z.RefinementCtx) {
  const certsSet = APPLE_WALLET_CERT_VARS.filter((name) => env[name]);
  const apnsSet = APPLE_APNS_VARS.filter((name) => env[name]);
  const apnsBaseUrl = env.APPLE_APNS_BASE_URL ?? (isProduction ? 'https://api.push.apple.com' : 'http://127.0.0.1:8819');
  if (certsSet.length > 0 && certsSet.length < APPLE_WALLET_CERT_VARS.length) {
    const missing = APPLE_WALLET_CERT_VARS.filter((name) => !env[name]);
    ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `Apple Wallet needs all of ${APPLE_WALLET_CERT_VARS.join(', ')}; missing ${missing.join(', ')}` });
  }
  if (apnsSet.length === 1) {
    ctx.addIssue({ code: 'custom', path: [APPLE_APNS_VARS.find((name) => !env[name])!], message: 'APNs needs both APPLE_APNS_KEY_ID and APPLE_APNS_KEY' });
  }
  if (certsSet.length === APPLE_WALLET_CERT_VARS.length) {
    if (isProduction && apnsSet.length < APPLE_APNS_VARS.length) {
      ctx.addIssue({ code: 'custom', path: ['APPLE_APNS_KEY'], message: 'production Apple Wallet needs APPLE_APNS_KEY_ID and APPLE_APNS_KEY, or passes never update' });
    }
    if (isProduction && !env.PUBLIC_BASE_URL?.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'production Apple Wallet needs an https PUBLIC_BASE_URL (the pass web service)' });
    }
    const teamId = env.APPLE_WALLET_TEAM_ID ?? '';
    return {
      mode: 'configured' as const,
      passTypeId: env.APPLE_WALLET_PASS_TYPE_ID ?? '',
      teamId,
      signerCert: env.APPLE_WALLET_SIGNER_CERT ?? '',
      signerKey: env.APPLE_WALLET_SIGNER_KEY ?? '',
      signerKeyPassphrase: env.APPLE_WALLET_SIGNER_KEY_PASSPHRASE,
      wwdrCert: env.APPLE_WALLET_WWDR_CERT ?? '',
      apns:
        apnsSet.length === APPLE_APNS_VARS.length
          ? { baseUrl: apnsBaseUrl, keyId: env.APPLE_APNS_KEY_ID ?? '', key: env.APPLE_APNS_KEY ?? '', teamId: env.APPLE_APNS_TEAM_ID ?? teamId }
          : null,
    };
  }
  if (isProduction) return { mode: 'disabled' as const };
  return { mode: 'development' as const, devDir: env.APPLE_WALLET_DEV_DIR, apnsBaseUrl };
}

/**
 * `configured`: a real issuer account. `development`: a key generated at start-up and the mock API
 * (its default port 8818). null: Google Wallet is off (production without an issuer).
 */
export type GoogleWalletEnv =
  | { mode: 'configured'; issuerId: string; serviceAccountEmail: string; privateKeyPem: string; apiBaseUrl: string; tokenUrl: string; logoUrl?: string }
  | { mode: 'development'; apiBaseUrl: string; tokenUrl: string; logoUrl?: string }
  | null;

const GOOGLE_WALLET_MOCK_URL = 'http://127.0.0.1:8818';

function googleWalletEnv(
  env: { GOOGLE_WALLET_ISSUER_ID?: string; GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL?: string; GOOGLE_WALLET_SERVICE_ACCOUNT_KEY?: string; GOOGLE_WALLET_API_BASE_URL?: string; GOOGLE_OAUTH_TOKEN_URL?: string; GOOGLE_WALLET_LOGO_URL?: string },
  isProduction: boolean,
): GoogleWalletEnv {
  if (env.GOOGLE_WALLET_ISSUER_ID && env.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL && env.GOOGLE_WALLET_SERVICE_ACCOUNT_KEY) {
    return {
      mode: 'configured',
      issuerId: env.GOOGLE_WALLET_ISSUER_ID,
      serviceAccountEmail: env.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL,
      privateKeyPem: env.GOOGLE_WALLET_SERVICE_ACCOUNT_KEY,
      apiBaseUrl: env.GOOGLE_WALLET_API_BASE_URL ?? 'https://walletobjects.googleapis.com',
      tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL ?? 'https://oauth2.googleapis.com/token',
      logoUrl: env.GOOGLE_WALLET_LOGO_URL,
    };
  }
  if (isProduction) return null;
  const apiBaseUrl = env.GOOGLE_WALLET_API_BASE_URL ?? GOOGLE_WALLET_MOCK_URL;
  return { mode: 'development', apiBaseUrl, tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL ?? `${apiBaseUrl}/token`, logoUrl: env.GOOGLE_WALLET_LOGO_URL };
}

export type ServerEnv = z.output<typeof EnvSchema>;

export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = EnvSchema.safeParse(withoutBlanks(source));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
