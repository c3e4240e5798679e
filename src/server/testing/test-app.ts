import { personas } from '../../../mocks/personas';
import { createDevKeySet, type DevKeySet } from '../auth/dev-key-set';
import { createIdTokenVerifier } from '../auth/id-token';
import { createSessionCodec } from '../auth/session';
import type { DatabaseHandle } from '../db/database';
import { createApp } from '../app/app';
import { ensureRollups } from '../dashboard/rollups';
import type { AppDeps } from '../app/app-deps';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import { defaultProgramConfig, type ProgramConfig } from '../loyalty/program-config';
import { createStaffSessionCodec } from '../staff/staff-session';
import { createBuiltinCrm } from '../linking/builtin-crm';
import type { CrmAdapter } from '../linking/crm-adapter';
import { createLogger, type Logger } from '../logging/logger';
import type { GoogleWallet } from '../wallet/google/google-wallet-setup';
import { enqueueGoogleWalletUpdate } from '../wallet/google/google-wallet.service';
import { developmentAppleWallet, type AppleWallet } from '../wallet/apple/apple-wallet-setup';
import { testAppleWalletCredentials } from './apple-wallet-testing';
import { enqueueApplePassUpdate } from '../wallet/apple/apple-wallet.service';
import { walletCardChangedHook } from '../wallet/wallet-card-changes';

export const TEST_LINE_CHANNEL_SECRET = 'test-line-channel-secret';

export const TEST_CHANNEL_ID = '1234567890';
export const TEST_SESSION_SECRET = 'test-session-secret-of-at-least-32-chars';
export const TEST_PUBLIC_BASE_URL = 'https://member-card.test';

/** A settable clock so tests move time on purpose, never by waiting. */
export function createTestClock(start: string | Date) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (to: string | Date) => {
      now = new Date(to);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

export type TestClock = ReturnType<typeof createTestClock>;

/** The real HTTP app on a real database, with the dev key set standing in for LINE's. */
export async function createTestApp(
  database: DatabaseHandle,
  options: {
    clock?: TestClock;
    program?: ProgramConfig;
    crm?: CrmAdapter;
    richMenus?: Record<string, string>;
    logger?: Logger;
    staticDir?: string;
    production?: boolean;
    /** Apple Wallet: the development stand-ins by default (a local CA; APNs nowhere unless given), null for none. */
    appleWallet?: AppleWallet | null;
    googleWallet?: GoogleWallet;
  } = {},
) {
  const clock = options.clock ?? createTestClock('2026-11-23T03:00:00Z');
  const keySet: DevKeySet = await createDevKeySet(TEST_CHANNEL_ID, clock.now);
  const program = options.program ?? defaultProgramConfig;
  const appleWallet =
    options.appleWallet === undefined
      ? developmentAppleWallet(testAppleWalletCredentials(), { publicBaseUrl: TEST_PUBLIC_BASE_URL, apnsBaseUrl: 'http://127.0.0.1:9', sessionSecret: TEST_SESSION_SECRET })
      : options.appleWallet;
  await ensureRollups(database.db, program, clock.now());
  const deps: AppDeps = {
    db: database.db,
    program,
    loyalty: createLoyaltyService({ db: database.db, program, clock: clock.now, onCardChanged: walletCardChangedHook([options.googleWallet && enqueueGoogleWalletUpdate, appleWallet && enqueueApplePassUpdate]) }),
    verifyIdToken: createIdTokenVerifier({ keySet: keySet.keySet, channelId: TEST_CHANNEL_ID, now: clock.now }),
    sessions: createSessionCodec(TEST_SESSION_SECRET, 3600, clock.now),
    secureCookies: false,
    staffSessions: createStaffSessionCodec('test-session-secret-of-at-least-32-chars', 8 * 3600, clock.now),
    clock: clock.now,
    dev: { keySet, personas },
    crm: options.crm ?? createBuiltinCrm(database.db),
    line: { channelSecret: TEST_LINE_CHANNEL_SECRET, richMenus: options.richMenus ?? {} },
    // Errors only, as console.error showed them before; tests that read the log pass their own.
    logger: options.logger ?? createLogger({ level: 'error' }),
    proxyHops: 1,
    production: options.production ?? false,
    staticDir: options.staticDir,
    googleWallet: options.googleWallet ?? null,
    appleWallet,
  };
  const app = createApp(deps);

  /** Opens a shopper session for a LINE user and returns the cookie header to send. */
  async function signIn(lineUserId: string, name = 'テスト 太郎') {
    const idToken = await keySet.signIdToken({ lineUserId, name });
    const response = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken }),
    });
    if (response.status >= 300) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error('sign-in returned no session cookie');
    return { cookie, body: (await response.json()) as unknown, status: response.status };
  }

  return { app, deps, clock, keySet, signIn };
}

let lineUserCounter = 0;
/** A fresh, valid-looking LINE user id per call. */
export function newLineUserId(): string {
  lineUserCounter += 1;
  return `U${(Date.now().toString(16) + lineUserCounter.toString(16).padStart(8, '0')).padStart(32, 'a').slice(-32)}`;
}
