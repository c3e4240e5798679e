import { Hono } from 'hono';
import type { MemberCard, Symbology } from '../../contract/card';
import type { ShopperEnv } from './shopper-env';

/**
 * What the card shows from the ledger. The loyalty service provides it; members ranks below
 * loyalty, so this names only the shape it reads.
 */
export type CardLedgerSummary = Pick<MemberCard, 'pointsBalance' | 'tier' | 'stamps'> & {
  soonestExpiry: { points: number; expiresAt: Date } | null;
  usableCoupons: readonly unknown[];
};

export type CardRoutesDeps = {
  program: { brandName: string; memberCode: { symbology: Symbology } };
  loyalty: { memberSummary(memberId: string): Promise<CardLedgerSummary> };
};

export function cardRoutes(deps: CardRoutesDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => {
    const member = c.get('member');
    const summary = await deps.loyalty.memberSummary(member.id);
    const card: MemberCard = {
      brandName: deps.program.brandName,
      memberNumber: member.memberNumber,
      symbology: deps.program.memberCode.symbology,
      displayName: member.displayName,
      pointsBalance: summary.pointsBalance,
      soonestExpiry: summary.soonestExpiry && {
        points: summary.soonestExpiry.points,
        expiresAt: summary.soonestExpiry.expiresAt.toISOString(),
      },
      tier: summary.tier,
      stamps: summary.stamps,
      usableCouponCount: summary.usableCoupons.length,
    };
    return c.json(card);
  });
}
