import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import { verifiedTokens } from './verified-tokens';

/**
 * The BFF's own short session, issued after a verified ID token: an HS256 JWT in an
 * HttpOnly cookie (same origin as the SPA, so it works inside the LIFF browser).
 */

export const SHOPPER_SESSION_COOKIE = 'mc_session';

/** `generation` is the member's session generation at issue; a later increment revokes the token. */
export type ShopperSession = { memberId: string; generation: number };

export type SessionCodec = {
  issue: (session: ShopperSession) => Promise<string>;
  read: (token: string) => Promise<ShopperSession | null>;
  ttlSeconds: number;
};

export function createSessionCodec(secret: string, ttlSeconds: number, now: () => Date = () => new Date()): SessionCodec {
  const key = new TextEncoder().encode(secret);
  // Revocation is not remembered: it is checked against the member row on every request.
  const verified = verifiedTokens<ShopperSession>();
  return {
    ttlSeconds,
    issue: async ({ memberId, generation }) => {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({ kind: 'shopper', gen: generation })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(memberId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
    },
    read: async (token) => {
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const known = verified.recall(token, nowSeconds);
      if (known !== undefined) return known;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now() });
        if (payload.kind !== 'shopper' || typeof payload.sub !== 'string') return null;
        // Tokens without a generation predate revocation: treated as revoked, the SPA logs in again.
        if (typeof payload.gen !== 'number' || !Number.isInteger(payload.gen)) return null;
        const session = { memberId: payload.sub, generation: payload.gen };
        if (typeof payload.exp === 'number') verified.remember(token, session, payload.exp);
        return session;
      } catch {
        // Any invalid or expired session is simply "no session": the client re-authenticates.
        return null;
      }
    },
  };
}

/** The shopper's session token as sent: a bearer header (non-browser clients) or the cookie. */
export function shopperSessionToken(c: Context): string | undefined {
  return c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1] ?? getCookie(c, SHOPPER_SESSION_COOKIE);
}
