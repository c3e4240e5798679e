import { Hono } from 'hono';
import { memberCardOf, type MemberCardDeps } from './member-card';
import type { ShopperEnv } from './shopper-env';

export type { CardLedgerSummary } from './member-card';
export type CardRoutesDeps = MemberCardDeps;

/** GET /api/me/card: the card (the session call answers with it too, so a first open needs no second trip). */
export function cardRoutes(deps: CardRoutesDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => c.json(await memberCardOf(deps, c.get('member'))));
}
