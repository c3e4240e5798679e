import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { LINE_ISSUER } from './id-token';

/**
 * Development and test stand-in for LINE's signing key: an ES256 key generated at start,
 * its public half served as a JWKS and used by the same verifier as production.
 */
export type DevKeySet = {
  jwks: { keys: JWK[] };
  keySet: JWTVerifyGetKey;
  signIdToken: (claims: { lineUserId: string; name?: string; picture?: string }, options?: { expiresInSeconds?: number }) => Promise<string>;
};

export async function createDevKeySet(
  channelId: string,
  now: () => Date = () => new Date(),
  keyPair?: { publicKey: CryptoKey; privateKey: CryptoKey },
): Promise<DevKeySet> {
  const { publicKey, privateKey } = keyPair ?? (await generateKeyPair('ES256', { extractable: true }));
  const kid = `dev-${Math.random().toString(36).slice(2, 10)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  return {
    jwks,
    keySet: createLocalJWKSet(jwks),
    signIdToken: async (claims, options = {}) => {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({ name: claims.name, picture: claims.picture, amr: ['linesso'] })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(LINE_ISSUER)
        .setSubject(claims.lineUserId)
        .setAudience(channelId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + (options.expiresInSeconds ?? 3600))
        .sign(privateKey);
    },
  };
}
