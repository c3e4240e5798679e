import type { Context } from 'hono';
import type { Database } from '../db/database';
import { findMemberById } from '../members/members.repository';
import { createMiddleware } from 'hono/factory';
import { HttpError } from '../http/http-error';
import type { ShopperEnv } from '../members/shopper-env';
import { shopperSessionToken, type SessionCodec, type ShopperSession } from './session';

/**
 * Guards /api/me/*: a valid shopper session (cookie, or bearer for non-browser clients) of a
 * membership that is still open and of the member's current session generation — after logout,
 * withdrawal or the card moving to another LINE account, every older token stops at once.
 */
export function requireShopper(sessions: SessionCodec, db: Database) {
  return createMiddleware<ShopperEnv>(async (c, next) => {
    const session = await verifiedShopperSession(c, sessions);
    // The one member read of the request: handlers take the row from the context.
    const member = openSessionMember(await findMemberById(db, session.memberId), session);
    c.set('memberId', member.id);
    c.set('member', member);
    await next();
  });
}

/** The request's signed session token, checked without the database (signature, expiry, shape); 401 without one. */
export async function verifiedShopperSession(c: Context, sessions: SessionCodec): Promise<ShopperSession> {
  const token = shopperSessionToken(c);
  const session = token ? await sessions.read(token) : null;
  if (!session) throw new HttpError(401, 'session_required', 'Your session has expired. Please log in again.');
  return session;
}

/**
 * The revocation check, on the member row as read for the request (by the guard above, or inside
 * a reader's own statement): 401 when the membership is closed or the token's generation is old.
 */
export function openSessionMember<Member extends { lineUserId: string | null; sessionGeneration: number }>(member: Member | undefined, session: ShopperSession): Member {
  if (!member?.lineUserId) throw new HttpError(401, 'session_required', 'This membership has been closed. Please log in again.');
  if (member.sessionGeneration !== session.generation) throw new HttpError(401, 'session_required', 'You were logged out. Please log in again.');
  return member;
}
