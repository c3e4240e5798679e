import { z } from 'zod';

/**
 * The only module that reads process.env. Everything else receives `ServerEnv` as a value.
 * Parsing fails fast with every problem listed, so a misconfigured deploy never half-starts.
 */

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
    /** PGlite data folder, or memory:// for a throw-away in-memory database. */
    PGLITE_DIR: z.string().default('.data/pglite'),
    /** `line` verifies against LINE's JWKS; `dev` signs tokens for seeded personas with a local key. */
    AUTH_MODE: z.enum(['line', 'dev']).optional(),
    LINE_LOGIN_CHANNEL_ID: z.string().regex(/^[\w-]+$/).optional(),
    LINE_JWKS_URL: z.url().default('https://api.line.me/oauth2/v2.1/certs'),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET needs at least 32 characters').optional(),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(12 * 60 * 60),
    /** Folder with the built SPA (vite build) served on the same origin. */
    STATIC_DIR: z.string().optional(),
    /** JSON file with the programme rules; the built-in defaults apply when unset. */
    PROGRAM_CONFIG_FILE: z.string().optional(),
    SEED_PERSONAS: booleanFlag.optional(),
    /** The BFF runs the (idempotent) daily job itself this often; 0 leaves it to `npm run daily-job` from cron. */
    DAILY_JOB_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
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
    return {
      nodeEnv: env.NODE_ENV,
      host: env.HOST,
      port: env.PORT,
      database: env.DATABASE_URL
        ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
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
      dailyJobIntervalMinutes: env.DAILY_JOB_INTERVAL_MINUTES,
    };
  });

export type ServerEnv = z.output<typeof EnvSchema>;

export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = EnvSchema.safeParse(withoutBlanks(source));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
