import { Hono } from 'hono';
import type { MemberCard } from '../../contract/card';
import type { AppDeps, AppEnv } from '../app/app-deps';

export function cardRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
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
