import { createHmac, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { StaffRole } from '../../contract/staff';
import { verifiedTokens } from '../auth/verified-tokens';

/**
 * Staff sessions are separate from shopper sessions: their own cookie, their own key (derived
 * from the session secret for this one purpose) and `kind: 'staff'`, so neither token opens the other's API.
 */

export const STAFF_SESSION_COOKIE = 'mc_staff';

/** `sessionId` names this one sign-in (one register): a checkout authorisation is bound to it. */
export type StaffSession = { staffId: string; sessionId: string; storeId: string; role: StaffRole; generation: number; expiresAt: Date };

export type StaffSessionCodec = {
  issue: (session: { staffId: string; storeId: string; role: StaffRole; generation: number }) => Promise<{ token: string; expiresAt: Date }>;
  read: (token: string) => Promise<StaffSession | null>;
  ttlSeconds: number;
};

export function createStaffSessionCodec(secret: string, ttlSeconds: number, now: () => Date = () => new Date()): StaffSessionCodec {
  const key = createHmac('sha256', secret).update('member-card/staff-session/v1').digest();
  // Each register action checks the account's session generation in the database; the signature is checked once per token.
  const verified = verifiedTokens<StaffSession>();
  return {
    ttlSeconds,
    issue: async ({ staffId, storeId, role, generation }) => {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({ kind: 'staff', store: storeId, role, gen: generation })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(staffId)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
      return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
    },
    read: async (token) => {
      const known = verified.recall(token, Math.floor(now().getTime() / 1000));
      if (known !== undefined) return known;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now() });
        if (payload.kind !== 'staff' || typeof payload.sub !== 'string' || typeof payload.store !== 'string') return null;
        if (payload.role !== 'clerk' && payload.role !== 'manager' && payload.role !== 'admin' && payload.role !== 'marketing') return null;
        if (typeof payload.gen !== 'number' || typeof payload.jti !== 'string') return null;
        const session: StaffSession = {
          staffId: payload.sub,
          sessionId: payload.jti,
          storeId: payload.store,
          role: payload.role,
          generation: payload.gen,
          expiresAt: new Date((payload.exp ?? 0) * 1000),
        };
        if (typeof payload.exp === 'number') verified.remember(token, session, payload.exp);
        return session;
      } catch {
        // Invalid or expired: simply no session, the console shows the login page.
        return null;
      }
    },
  };
}
