import { Hono } from 'hono';
import type { MemberCard } from '../../contract/card';
import type { AppDeps, AppEnv } from '../http/app-deps';
import { HttpError } from '../http/http-error';
import { tierProgress, toTierProgressView } from '../loyalty/tiers';
import { findMemberById, pointsBalance } from './members.repository';

export function cardRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const member = await findMemberById(deps.db, c.get('memberId'));
    if (!member) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
    const card: MemberCard = {
      brandName: deps.program.brandName,
      memberNumber: member.memberNumber,
      symbology: deps.program.memberCode.symbology,
      displayName: member.displayName,
      pointsBalance: await pointsBalance(deps.db, member.id, deps.clock()),
      // Interim: the loyalty services (next commit) fill expiry, tier progress, stamps and coupons.
      soonestExpiry: null,
      tier: toTierProgressView(tierProgress(0, deps.program)),
      stamps: { count: 0, cardSize: deps.program.stamps.cardSize },
      usableCouponCount: 0,
    };
    return c.json(card);
  });
}
