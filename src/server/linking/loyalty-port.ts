import type { Database } from '../db/database';

/** A drizzle transaction or the database itself: what the loyalty calls accept as `tx`. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * The part of the loyalty services (src/server/loyalty/loyalty.service.ts on main) that profile
 * completion, linking and messaging use. `deps.loyalty` satisfies it.
 */
export type LoyaltyPort = {
  grantPoints(
    request: { memberId: string; points: number; kind: 'transfer' | 'adjust'; idempotencyKey: string; reason: string },
    tx?: Tx,
  ): Promise<{ ok: true; replayed: boolean; pointsBalance: number }>;
  issueBirthdayCouponIfDue(memberId: string, tx?: Tx): Promise<{ issued: { id: string; title: string } | null }>;
};
