import { and, eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { LinkRequestSchema, WithdrawRequestSchema, type LinkStatus } from '../../contract/link';
import { SHOPPER_SESSION_COOKIE } from '../auth/session';
import { memberLinks } from '../db/schema/linking';
import type { AppDeps, AppEnv } from '../http/app-deps';
import { jsonBody } from '../http/http-error';
import { linkMembership, unlinkMembership, withdrawMembership } from './linking.service';

/** The address rate limits count by: the socket's, or the proxy's X-Forwarded-For when trusted. */
function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

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
      const attempt = { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.trustProxy) };
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
      await unlinkMembership(deps, { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.trustProxy) });
      return c.body(null, 204);
    });
}

/** DELETE /api/me/account with {"confirm":"withdraw"}: withdrawal. */
export function accountRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().delete('/', jsonBody(WithdrawRequestSchema), async (c) => {
    await withdrawMembership(deps, { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.trustProxy) });
    deleteCookie(c, SHOPPER_SESSION_COOKIE, { path: '/', secure: deps.secureCookies });
    return c.body(null, 204);
  });
}
