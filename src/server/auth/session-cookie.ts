import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SHOPPER_SESSION_COOKIE } from './session';

export type ShopperCookiePolicy = { secureCookies: boolean; sessions: { ttlSeconds: number } };

/** The one place the shopper cookie's options live: login and card recovery both issue it. */
export function setShopperSessionCookie(c: Context, policy: ShopperCookiePolicy, token: string): void {
  setCookie(c, SHOPPER_SESSION_COOKIE, token, {
    httpOnly: true,
    secure: policy.secureCookies,
    sameSite: 'Lax',
    path: '/',
    maxAge: policy.sessions.ttlSeconds,
  });
}

export function clearShopperSessionCookie(c: Context, policy: Pick<ShopperCookiePolicy, 'secureCookies'>): void {
  deleteCookie(c, SHOPPER_SESSION_COOKIE, { path: '/', secure: policy.secureCookies });
}
