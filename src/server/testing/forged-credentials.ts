import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { LINE_ISSUER } from '../auth/id-token';
import { createDevKeySet, type DevKeySet } from '../auth/dev-key-set';
import { createSessionCodec } from '../auth/session';

/**
 * Every way an attacker might present an identity the BFF must refuse: ID tokens that fail one
 * check each, and BFF session tokens that were forged or have run out.
 */
export async function forgedIdTokens(trusted: DevKeySet, channelId: string, now: Date): Promise<Array<[string, string]>> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const lineUserId = 'U0123456789abcdef0123456789abcdef';
  const kid = trusted.jwks.keys[0]!.kid!;
  const signWith = async (key: CryptoKey, claims: { iss?: string; aud?: string; exp?: number }) =>
    new SignJWT({ name: 'attacker' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(claims.iss ?? LINE_ISSUER)
      .setAudience(claims.aud ?? channelId)
      .setSubject(lineUserId)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(claims.exp ?? nowSeconds + 3600)
      .sign(key);
  const otherKey = (await generateKeyPair('ES256')).privateKey;
  const otherChannel = await createDevKeySet('9999999999', () => now);
  const valid = await trusted.signIdToken({ lineUserId });
  return [
    ['signed by another key', await signWith(otherKey, {})],
    ['expired', await trusted.signIdToken({ lineUserId }, { expiresInSeconds: -600 })],
    ['another channel (aud)', await otherChannel.signIdToken({ lineUserId })],
    ['not issued by LINE (iss)', await signWith(otherKey, { iss: 'https://evil.example' })],
    [
      'alg none',
      new UnsecuredJWT({}).setIssuer(LINE_ISSUER).setAudience(channelId).setSubject(lineUserId).setIssuedAt(nowSeconds).setExpirationTime(nowSeconds + 3600).encode(),
    ],
    [
      'HS256 keyed with the public JWK',
      await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid })
        .setIssuer(LINE_ISSUER)
        .setAudience(channelId)
        .setSubject(lineUserId)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + 3600)
        .sign(new TextEncoder().encode(JSON.stringify(trusted.jwks.keys[0]))),
    ],
    ['truncated', valid.slice(0, -12)],
    ['garbage', 'not-a-jwt'],
  ];
}

/** Shopper session tokens the BFF did not issue, or issued too long ago. */
export async function forgedSessionTokens(memberId: string, now: Date, ttlSeconds: number, trustedSecret: string): Promise<Array<[string, string]>> {
  const otherSecret = createSessionCodec('another-secret-of-at-least-32-characters!!', ttlSeconds, () => now);
  const long = new Date(now.getTime() - (ttlSeconds + 120) * 1000);
  return [
    ['session signed with another secret', await otherSecret.issue({ memberId, generation: 0 })],
    ['session expired', await createSessionCodec(trustedSecret, ttlSeconds, () => long).issue({ memberId, generation: 0 })],
    [
      'session with alg none',
      new UnsecuredJWT({ kind: 'shopper' }).setSubject(memberId).setIssuedAt().setExpirationTime('1h').encode(),
    ],
  ];
}
