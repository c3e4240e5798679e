import type { Persona } from '../../../mocks/personas';
import type { DevKeySet } from '../auth/dev-key-set';
import type { IdTokenVerifier } from '../auth/id-token';
import type { SessionCodec } from '../auth/session';
import type { Database } from '../db/database';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';

/** Everything a request handler may use, passed in as values: no module reads env or the clock. */
export type AppDeps = {
  db: Database;
  program: ProgramConfig;
  /** The loyalty use cases (purchases, redemptions, grants, summaries) on `db`, `program` and `clock`. */
  loyalty: LoyaltyService;
  verifyIdToken: IdTokenVerifier;
  sessions: SessionCodec;
  secureCookies: boolean;
  clock: () => Date;
  /** Present only with AUTH_MODE=dev: the local key set and the personas it signs for. */
  dev?: { keySet: DevKeySet; personas: Persona[] };
  /** Built SPA to serve on the same origin. */
  staticDir?: string;
};

export type AppEnv = { Variables: { memberId: string } };
