import type { Persona } from '../../../mocks/personas';
import type { DevKeySet } from '../auth/dev-key-set';
import type { IdTokenVerifier } from '../auth/id-token';
import type { SessionCodec } from '../auth/session';
import type { Database } from '../db/database';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import type { DemoStaffList } from '../../contract/staff';
import type { StaffSessionCodec } from '../staff/staff-session';

/** Everything a request handler may use, passed in as values: no module reads env or the clock. */
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
  dev?: { keySet: DevKeySet; personas: Persona[] };
  /** Built SPA to serve on the same origin. */
  staticDir?: string;
};

export type AppEnv = { Variables: { memberId: string } };
