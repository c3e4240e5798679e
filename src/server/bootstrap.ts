import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRemoteJWKSet } from 'jose';
import { createDevKeySet } from './auth/dev-key-set';
import { createIdTokenVerifier } from './auth/id-token';
import { createSessionCodec } from './auth/session';
import type { ServerEnv } from './config/env';
import { openDatabase } from './db/database';
import { ensureRollups } from './dashboard/rollups';
import { insertDashboardSample } from './dashboard/sample-dataset';
import { crmSeedMembers, personas } from './dev/dev-fixtures';
import { seedPersonas } from './dev/seed-personas';
import { DEMO_STAFF, seedDemoStaff } from './staff/seed-staff';
import { createStaffSessionCodec } from './staff/staff-session';
import type { AppDeps } from './app/app-deps';
import { createBuiltinCrm, seedBuiltinCrm } from './linking/builtin-crm';
import type { CrmAdapter } from './linking/crm-adapter';
import { createHttpCrm } from './linking/http-crm';
import { createLoyaltyService } from './loyalty/loyalty.service';
import { defaultProgramConfig, parseProgramConfig, type ProgramConfig } from './loyalty/program-config';
import { createLogger, type Logger } from './logging/logger';
import { composeWallets } from './wallet/wallet-composition';

/** One shift at the register. */
const STAFF_SESSION_TTL_SECONDS = 8 * 60 * 60;

export async function loadProgramConfig(file: string | undefined): Promise<ProgramConfig> {
  if (!file) return defaultProgramConfig;
  return parseProgramConfig(JSON.parse(await readFile(file, 'utf8')));
}

/** Wires the app's dependencies from validated configuration. */
export async function bootstrap(env: ServerEnv, clock: () => Date = () => new Date(), logger: Logger = createLogger({ level: env.logLevel })) {
  const program = await loadProgramConfig(env.programConfigFile);
  const stopwatch = createStopwatch();
  const database = await openDatabase(env.database);
  stopwatch.lap(env.database.kind === 'pglite' ? 'PGlite open + migrations' : 'migrations');
  // Rollups never built (a new database, or one from before them), or built for other tier rules: built now, before any event.
  if (await ensureRollups(database.db, program, clock())) stopwatch.lap('dashboard rollups built');
  const sessionSecret = env.sessionSecret ?? randomBytes(32).toString('hex');
  const sessions = createSessionCodec(sessionSecret, env.sessionTtlSeconds, clock);
  const staffSessions = createStaffSessionCodec(sessionSecret, STAFF_SESSION_TTL_SECONDS, clock);

  let dev: AppDeps['dev'];
  let verifyIdToken;
  if (env.authMode === 'dev') {
    const keySet = await createDevKeySet(env.lineChannelId, clock);
    dev = { keySet, personas };
    verifyIdToken = createIdTokenVerifier({ keySet: keySet.keySet, channelId: env.lineChannelId, now: clock });
  } else {
    const keySet = createRemoteJWKSet(new URL(env.lineJwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 });
    verifyIdToken = createIdTokenVerifier({ keySet, channelId: env.lineChannelId, now: clock });
  }
  if (env.seedPersonas) {
    await seedPersonas(database.db, program, personas, clock());
    stopwatch.lap('personas');
    await seedDemoStaff(database.db);
    stopwatch.lap('demo staff');
    // January 2020, years before the personas: the dashboard's e2e reads exactly these figures.
    await insertDashboardSample(database.db);
    // The "paper card" members to link in development live in the built-in CRM.
    if (env.crm.mode === 'builtin') await seedBuiltinCrm(database.db, crmSeedMembers);
    stopwatch.lap('dashboard sample + CRM');
  }
  const crm: CrmAdapter = env.crm.mode === 'http' ? createHttpCrm(env.crm) : createBuiltinCrm(database.db);
  // Card changes queue a Wallet update in their own transaction (members without a pass cost one lookup).
  const wallets = await composeWallets(env, program, clock, sessionSecret);
  const loyalty = createLoyaltyService({ db: database.db, program, clock, onCardChanged: wallets.onCardChanged });
  const deliveries = wallets.deliveries(database.db, loyalty);

  const deps: AppDeps = {
    db: database.db,
    program,
    loyalty,
    verifyIdToken,
    sessions,
    secureCookies: env.secureCookies,
    staffSessions,
    // Never in production (the env refuses seeding there too): the list carries the demo password.
    demoStaff: env.seedPersonas && env.nodeEnv !== 'production' ? DEMO_STAFF : undefined,
    clock,
    dev,
    staticDir: env.staticDir,
    crm,
    line: { channelSecret: env.line.channelSecret, richMenus: env.line.richMenus },
    logger,
    // PGlite runs on this one thread and serves one statement at a time: requests take turns whole.
    requestQueue: database.engine === 'pglite' ? 1 : undefined,
    proxyHops: env.proxyHops,
    production: env.nodeEnv === 'production',
    googleWallet: wallets.googleWallet,
    appleWallet: wallets.appleWallet,
  };
  return { deps, deliveries, database, timings: stopwatch.summary };
}

/** Where start-up time goes, for the BFF's "ready" line (a fresh PGlite folder costs the most: initdb). */
function createStopwatch() {
  const laps: string[] = [];
  let last = performance.now();
  return {
    lap(label: string) {
      const now = performance.now();
      laps.push(`${label} ${((now - last) / 1000).toFixed(2)} s`);
      last = now;
    },
    summary: () => laps.join(', '),
  };
}
