import type { DemoStaffList } from '../../contract/staff';
import type { Database } from '../db/database';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import type { StaffSessionCodec } from './staff-session';

/**
 * What /api/staff needs, passed in by the app (its full deps satisfy this). Helpers that need less
 * take a Pick of it, so each says what it touches.
 */
export type StaffDeps = {
  db: Database;
  program: ProgramConfig;
  clock: () => Date;
  /** The register's loyalty use cases and the member summary of a lookup. */
  loyalty: Pick<LoyaltyService, 'recordPurchase' | 'redeemPoints' | 'redeemCoupon' | 'voidPurchase' | 'memberSummary' | 'purchaseByReceipt'>;
  staffSessions: StaffSessionCodec;
  secureCookies: boolean;
  /** Present only where demo staff were seeded (dev): listed on the clerk login page. */
  demoStaff?: DemoStaffList;
  /** Trusted proxies in front of the BFF, for the client address the login limits count. */
  proxyHops: number;
};
