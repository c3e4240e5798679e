import { Hono } from 'hono';
import { openSessionMember, verifiedShopperSession } from '../auth/require-shopper';
import type { SessionCodec } from '../auth/session';
import { toMemberCard, type MemberCardDeps } from '../members/member-card';

export type CardRoutesDeps = MemberCardDeps & { sessions: SessionCodec };

/**
 * GET /api/me/card: the card (the session call answers with it too, so a first open needs no
 * second trip). The most frequent request, so it is one database round trip: it guards itself
 * (the token checked in memory, then the revocation check on the member fields the card
 * statement returns) instead of passing through requireShopper's separate member read. Mounted
 * ahead of requireShopper; were it mounted after, the guard would only run twice.
 */
export function cardRoutes(deps: CardRoutesDeps) {
  return new Hono().get('/', async (c) => {
    const session = await verifiedShopperSession(c, deps.sessions);
    const read = openSessionMember(await deps.loyalty.memberCard(session.memberId), session);
    return c.json(toMemberCard(deps.program, read, read.ledger));
  });
}
