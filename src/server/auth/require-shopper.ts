import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HttpError } from '../http/http-error';
import type { AppEnv } from '../http/app-deps';
import { SHOPPER_SESSION_COOKIE, type SessionCodec } from './session';

/** Guards /api/me/*: a valid shopper session (cookie, or bearer for non-browser clients). */
export function requireShopper(sessions: SessionCodec) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
    const token = bearer ?? getCookie(c, SHOPPER_SESSION_COOKIE);
    const session = token ? await sessions.read(token) : null;
    if (!session) throw new HttpError(401, 'session_required', 'Your session has expired. Please log in again.');
    c.set('memberId', session.memberId);
    await next();
  });
}
