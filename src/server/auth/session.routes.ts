import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { CreateSessionRequestSchema, type CreateSessionResponse } from '../../contract/session';
import type { AppDeps, AppEnv } from '../app/app-deps';
import { HttpError, jsonBody } from '../http/http-error';
import { endMemberSessions, findOrCreateMemberByLineUser } from '../members/members.repository';
import { IdTokenError } from './id-token';
import { SHOPPER_SESSION_COOKIE, shopperSessionToken } from './session';

export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/', jsonBody(CreateSessionRequestSchema), async (c) => {
      const { idToken } = c.req.valid('json');
      const identity = await deps.verifyIdToken(idToken).catch((error: unknown) => {
        if (error instanceof IdTokenError) throw new HttpError(401, 'invalid_id_token', error.message);
        throw error;
      });
      const { member, created } = await findOrCreateMemberByLineUser(deps.db, {
        lineUserId: identity.lineUserId,
        displayName: identity.name,
        memberNumberPrefix: deps.program.memberCode.prefix,
      });
      const token = await deps.sessions.issue({ memberId: member.id, generation: member.sessionGeneration });
      setCookie(c, SHOPPER_SESSION_COOKIE, token, {
        httpOnly: true,
        secure: deps.secureCookies,
        sameSite: 'Lax',
        path: '/',
        maxAge: deps.sessions.ttlSeconds,
      });
      const body: CreateSessionResponse = { memberNumber: member.memberNumber, isNewMember: created };
      return c.json(body, created ? 201 : 200);
    })
    .delete('/', async (c) => {
      // Logout ends every session of the member, on this device and any other (a copied cookie included);
      // an already revoked token changes nothing, so an old copy cannot keep logging the member out.
      const token = shopperSessionToken(c);
      const session = token ? await deps.sessions.read(token) : null;
      if (session) await endMemberSessions(deps.db, session.memberId, session.generation);
      deleteCookie(c, SHOPPER_SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
      return c.body(null, 204);
    });
}
