import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { LinkRequestSchema, WithdrawRequestSchema, type LinkStatus } from '../../contract/link';
import { SHOPPER_SESSION_COOKIE } from '../auth/session';
import { memberLinks } from '../db/schema/linking';
import type { AppDeps, AppEnv } from '../app/app-deps';
import { clientAddress } from '../http/client-address';
import { jsonBody } from '../http/http-error';
import { linkMembership, unlinkMembership, withdrawMembership } from './linking.service';

/** /api/me/link: status, link or recover (POST), unlink (DELETE). */
export function linkRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const [link] = await deps.db
        .select()
        .from(memberLinks)
        .where(and(eq(memberLinks.memberId, c.get('memberId')), isNull(memberLinks.unlinkedAt)));
      const body: LinkStatus = {
        link: link ? { crmMemberNumber: link.crmMemberNumber, linkedAt: link.linkedAt.toISOString() } : null,
        linkPoints: deps.program.incentives.linkPoints,
      };
      return c.json(body);
    })
    .post('/', jsonBody(LinkRequestSchema), async (c) => {
      const attempt = { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.proxyHops) };
      const { result, sessionMemberId, sessionGeneration } = await linkMembership(deps, attempt, c.req.valid('json'));
      if (sessionMemberId !== attempt.memberId && sessionGeneration !== undefined) {
        // Recovery: this LINE account now holds the recovered card, in the card's new session generation.
        setCookie(c, SHOPPER_SESSION_COOKIE, await deps.sessions.issue({ memberId: sessionMemberId, generation: sessionGeneration }), {
          httpOnly: true,
          secure: deps.secureCookies,
          sameSite: 'Lax',
          path: '/',
          maxAge: deps.sessions.ttlSeconds,
        });
      }
      return c.json(result);
    })
    .delete('/', async (c) => {
      await unlinkMembership(deps, { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.proxyHops) });
      return c.body(null, 204);
    });
}

/** DELETE /api/me/account with {"confirm":"withdraw"}: withdrawal. */
export function accountRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().delete('/', jsonBody(WithdrawRequestSchema), async (c) => {
    await withdrawMembership(deps, { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.proxyHops) });
    deleteCookie(c, SHOPPER_SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
    return c.body(null, 204);
  });
}
