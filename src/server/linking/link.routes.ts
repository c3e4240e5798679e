import { Hono } from 'hono';
import { LinkRequestSchema, WithdrawRequestSchema, type LinkStatus } from '../../contract/link';
import { clearShopperSessionCookie, setShopperSessionCookie, type ShopperCookiePolicy } from '../auth/session-cookie';
import type { SessionCodec } from '../auth/session';
import { clientAddress } from '../http/client-address';
import { HttpError, jsonBody } from '../http/http-error';
import { memberGone, type ShopperEnv } from '../members/shopper-env';
import { findLink, linkMembership, unlinkMembership, withdrawMembership, type LinkOutcome, type LinkingDeps } from './linking.service';

export type LinkRoutesDeps = LinkingDeps & ShopperCookiePolicy & {
  sessions: SessionCodec;
  /** Trusted proxies in front of the BFF, for the client address the rate limits count. */
  proxyHops: number;
};

function refusal(outcome: Exclude<LinkOutcome, { ok: true }>): HttpError {
  switch (outcome.reason) {
    case 'session_gone':
      return memberGone();
    case 'locked': {
      const retryAt = outcome.retryAt.toISOString();
      return new HttpError(429, 'link_locked', `Too many failed attempts. Please try again after ${retryAt}.`, { retryAt });
    }
    case 'target_locked': {
      const retryAt = outcome.retryAt.toISOString();
      return new HttpError(423, 'link_target_locked', `Too many attempts at this membership. It is locked until ${retryAt}; please try again later or ask our staff.`, { retryAt });
    }
    case 'already_linked':
      return new HttpError(409, 'already_linked', 'This membership is already on your card.');
    case 'recovery_needs_phone':
      return new HttpError(422, 'recovery_needs_phone', 'This card is held by another LINE account. To move it here, enter both the birthday and the phone number.');
    case 'crm_unavailable':
      return new HttpError(503, 'crm_unavailable', 'The membership system cannot be reached right now. Please try again later.');
    case 'not_verified':
      return new HttpError(422, 'link_not_verified', 'The member number and the birthday or phone number do not match our records.');
    case 'member_already_linked':
      return new HttpError(409, 'member_already_linked', 'Your card is already linked to another membership. Unlink it first.');
    case 'just_linked':
      return new HttpError(409, 'already_linked', 'This membership was just linked. Please reload.');
    case 'holder_changed':
      return new HttpError(409, 'already_linked', 'This membership just changed. Please reload and try again.');
    case 'recovery_needs_new_card':
      return new HttpError(409, 'recovery_needs_new_card', 'This LINE account already has its own card with points or a link, so the membership cannot be moved here. Please ask our staff.');
  }
}

/** /api/me/link: status, link or recover (POST), unlink (DELETE). */
export function linkRoutes(deps: LinkRoutesDeps) {
  return new Hono<ShopperEnv>()
    .get('/', async (c) => {
      const link = await findLink(deps, c.get('memberId'));
      const body: LinkStatus = {
        link: link ? { crmMemberNumber: link.crmMemberNumber, linkedAt: link.linkedAt.toISOString() } : null,
        linkPoints: deps.program.incentives.linkPoints,
      };
      return c.json(body);
    })
    .post('/', jsonBody(LinkRequestSchema), async (c) => {
      const attempt = { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.proxyHops) };
      const outcome = await linkMembership(deps, attempt, c.req.valid('json'));
      if (!outcome.ok) throw refusal(outcome);
      const { result, sessionMemberId, sessionGeneration } = outcome;
      if (sessionMemberId !== attempt.memberId && sessionGeneration !== undefined) {
        // Recovery: this LINE account now holds the recovered card, in the card's new session generation.
        setShopperSessionCookie(c, deps, await deps.sessions.issue({ memberId: sessionMemberId, generation: sessionGeneration }));
      }
      return c.json(result);
    })
    .delete('/', async (c) => {
      const outcome = await unlinkMembership(deps, { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.proxyHops) });
      if (!outcome.ok) {
        throw outcome.reason === 'not_linked' ? new HttpError(404, 'not_linked', 'Your card is not linked to another membership.') : memberGone();
      }
      return c.body(null, 204);
    });
}

/** DELETE /api/me/account with {"confirm":"withdraw"}: withdrawal. */
export function accountRoutes(deps: LinkRoutesDeps) {
  return new Hono<ShopperEnv>().delete('/', jsonBody(WithdrawRequestSchema), async (c) => {
    const outcome = await withdrawMembership(deps, { memberId: c.get('memberId'), clientAddress: clientAddress(c, deps.proxyHops) });
    if (!outcome.ok) throw memberGone();
    clearShopperSessionCookie(c, deps);
    return c.body(null, 204);
  });
}
