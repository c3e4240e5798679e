import { Hono } from 'hono';
import { ReportFriendshipRequestSchema } from '../../contract/line-friendship';
import { jsonBody } from '../http/http-error';
import type { ShopperEnv } from '../members/shopper-env';
import { reportFriendship, type FriendshipDeps } from './friendship.service';

export type FriendshipRoutesDeps = FriendshipDeps;

/**
 * POST /api/me/line-friendship: the app reports liff.getFriendship() after the session starts, so
 * members who befriended the Official Account before any webhook reached us (or in development,
 * where no webhook comes) count as reachable. A shopper can only state their own status: claiming
 * "friend" wrongly only makes LINE drop our pushes to them, claiming "not a friend" only stops them.
 */
export function friendshipRoutes(deps: FriendshipRoutesDeps) {
  return new Hono<ShopperEnv>().post('/', jsonBody(ReportFriendshipRequestSchema), async (c) => {
    const { friend } = c.req.valid('json');
    const { lineUserId } = c.get('member');
    if (lineUserId) await reportFriendship(deps, lineUserId, friend);
    return c.body(null, 204);
  });
}
