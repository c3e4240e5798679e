import type { DevTools } from '../dev/dev.routes';
import type { IdTokenVerifier } from '../auth/id-token';
import type { SessionCodec } from '../auth/session';
import type { Database } from '../db/database';
import type { CrmAdapter } from '../linking/crm-adapter';
import type { RichMenuIds } from '../line/rich-menu';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import type { DemoStaffList } from '../../contract/staff';
import type { StaffSessionCodec } from '../staff/staff-session';
import type { Logger } from '../logging/logger';
import type { GoogleWallet } from '../wallet/google/google-wallet-setup';
import type { AppleWallet } from '../wallet/apple/apple-wallet-setup';

/**
 * Everything the app is built from, passed in as values: no module reads env or the clock. Each
 * module's routes declare the narrow slice they use (`CardRoutesDeps`, `StaffDeps`, …); this is
 * the union the composition hands to all of them, so only app/ knows the whole.
 */
export type AppDeps = {
  db: Database;
  program: ProgramConfig;
  /** The loyalty use cases (purchases, redemptions, grants, summaries) on `db`, `program` and `clock`. */
  loyalty: LoyaltyService;
  verifyIdToken: IdTokenVerifier;
  sessions: SessionCodec;
  secureCookies: boolean;
  /** Staff sessions: own cookie and key, never accepted by /api/me (and shopper sessions never by /api/staff). */
  staffSessions: StaffSessionCodec;
  /** Present only where demo staff were seeded (dev): listed on the clerk login page. */
  demoStaff?: DemoStaffList;
  clock: () => Date;
  /** Present only with AUTH_MODE=dev: the local key set and the personas it signs for. */
  dev?: DevTools;
  /** Built SPA to serve on the same origin. */
  staticDir?: string;
  /** The store's CRM (built-in tables or an external CRM over HTTP). */
  crm: CrmAdapter;
  /** The webhook's channel secret and the rich menu ids; sends go through the outbox. */
  line: { channelSecret: string; richMenus: RichMenuIds };
  /**
   * How many API requests run at once, the rest queueing in arrival order (http/request-queue.ts);
   * unset: no limit. Set for PGlite, whose one connection serves every request in turn.
   */
  requestQueue?: number;
  /** The structured logger; each request gets a child bound to its request id (`c.get('log')`). */
  logger: Logger;
  /** Trusted proxies in front of the BFF: rate limits take the client address this many X-Forwarded-For hops from the right (0: the socket). */
  proxyHops: number;
  /** Production hardening: HSTS on every response, source maps never served. */
  production: boolean;
  /** The Google Wallet issuer; null or absent: no Google Wallet pass (production without an issuer). */
  googleWallet?: GoogleWallet | null;
  /** Apple Wallet passes and their PassKit web service; null or unset: not configured (its routes answer 404). */
  appleWallet?: AppleWallet | null;
};
