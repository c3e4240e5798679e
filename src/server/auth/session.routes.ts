import { Hono } from 'hono';
import { CreateSessionRequestSchema, type CreateSessionResponse } from '../../contract/session';
import { HttpError, jsonBody } from '../http/http-error';
import { toMemberCard, type MemberCardDeps } from '../members/member-card';
import { shopperSessionToken } from './session';
import { clearShopperSessionCookie, setShopperSessionCookie, type ShopperCookiePolicy } from './session-cookie';
import { endSession, openSession, type SessionServiceDeps } from './session.service';

export type SessionRoutesDeps = SessionServiceDeps & ShopperCookiePolicy & MemberCardDeps;

/** /api/session: log in with a LINE ID token (POST), log out (DELETE). */
export function sessionRoutes(deps: SessionRoutesDeps) {
  return new Hono()
    .post('/', jsonBody(CreateSessionRequestSchema), async (c) => {
      const outcome = await openSession(deps, c.req.valid('json').idToken);
      if (!outcome.ok) throw new HttpError(401, 'invalid_id_token', outcome.message);
      const read = await deps.loyalty.memberCard(outcome.member.id);
      if (!read) throw new Error(`member ${outcome.member.id} vanished during its sign-in`);
      setShopperSessionCookie(c, deps, outcome.token);
      const body: CreateSessionResponse = {
        memberNumber: outcome.member.memberNumber,
        isNewMember: outcome.isNewMember,
        card: toMemberCard(deps.program, outcome.member, read.ledger),
      };
      return c.json(body, outcome.isNewMember ? 201 : 200);
    })
    .delete('/', async (c) => {
      await endSession(deps, shopperSessionToken(c));
      clearShopperSessionCookie(c, deps);
      return c.body(null, 204);
    });
}
