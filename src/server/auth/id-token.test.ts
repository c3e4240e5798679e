import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDevKeySet, type DevKeySet } from './dev-key-set';
import { createIdTokenVerifier, LINE_ISSUER, type IdTokenVerifier } from './id-token';

const CHANNEL = '1234567890';
const LINE_USER = 'U0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-11-23T03:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let keySet: DevKeySet;
let trustedPrivateKey: CryptoKey;
let verify: IdTokenVerifier;

beforeAll(async () => {
  const keyPair = await generateKeyPair('ES256', { extractable: true });
  trustedPrivateKey = keyPair.privateKey;
  keySet = await createDevKeySet(CHANNEL, () => NOW, keyPair);
  verify = createIdTokenVerifier({ keySet: keySet.keySet, channelId: CHANNEL, now: () => NOW });
});

/** A token like LINE's, signed with any ES256 key, with claims overridable one at a time. */
async function es256Token(
  overrides: { iss?: string; aud?: string; sub?: string; iat?: number; exp?: number; kid?: string } = {},
  key?: CryptoKey,
) {
  const signingKey = key ?? (await generateKeyPair('ES256')).privateKey;
  return new SignJWT({ name: 'テスト' })
    .setProtectedHeader({ alg: 'ES256', kid: overrides.kid ?? keySet.jwks.keys[0]!.kid! })
    .setIssuer(overrides.iss ?? LINE_ISSUER)
    .setAudience(overrides.aud ?? CHANNEL)
    .setSubject(overrides.sub ?? LINE_USER)
    .setIssuedAt(overrides.iat ?? nowSeconds)
    .setExpirationTime(overrides.exp ?? nowSeconds + 3600)
    .sign(signingKey);
}

describe('LIFF ID token verification', () => {
  it('accepts a token signed by the key set with the right iss, aud and times', async () => {
    const token = await keySet.signIdToken({ lineUserId: LINE_USER, name: '山田 花子' });
    await expect(verify(token)).resolves.toEqual({ lineUserId: LINE_USER, name: '山田 花子', picture: undefined });
  });

  it('refuses a token signed by another ES256 key, even with the same kid', async () => {
    await expect(verify(await es256Token())).rejects.toThrow('ID token signature is invalid');
  });

  it('refuses a token whose kid is not in the key set', async () => {
    await expect(verify(await es256Token({ kid: 'someone-else' }))).rejects.toThrow('ID token was signed by an unknown key');
  });

  it('refuses an expired token beyond the clock tolerance', async () => {
    const token = await keySet.signIdToken({ lineUserId: LINE_USER }, { expiresInSeconds: 3600 });
    const later = createIdTokenVerifier({ keySet: keySet.keySet, channelId: CHANNEL, now: () => new Date(NOW.getTime() + 3661_000) });
    await expect(later(token)).rejects.toThrow('ID token has expired: log in again');
  });

  it('accepts a token that expired within the small clock tolerance', async () => {
    const token = await keySet.signIdToken({ lineUserId: LINE_USER }, { expiresInSeconds: 3600 });
    const slightlyLater = createIdTokenVerifier({ keySet: keySet.keySet, channelId: CHANNEL, now: () => new Date(NOW.getTime() + 3610_000) });
    await expect(slightlyLater(token)).resolves.toMatchObject({ lineUserId: LINE_USER });
  });

  it('refuses a token issued for another channel (aud)', async () => {
    const otherChannel = await createDevKeySet('9999999999', () => NOW);
    const verifyWithOtherKeys = createIdTokenVerifier({ keySet: otherChannel.keySet, channelId: CHANNEL, now: () => NOW });
    const token = await otherChannel.signIdToken({ lineUserId: LINE_USER });
    await expect(verifyWithOtherKeys(token)).rejects.toThrow('ID token was issued for another channel (aud)');
  });

  it('refuses a token not issued by LINE (iss), even when signed by a trusted key', async () => {
    await expect(verify(await es256Token({ iss: 'https://evil.example' }, trustedPrivateKey))).rejects.toThrow(
      'ID token was not issued by LINE (iss)',
    );
  });

  it('refuses a token for another channel signed by a trusted key (aud)', async () => {
    await expect(verify(await es256Token({ aud: '42' }, trustedPrivateKey))).rejects.toThrow(
      'ID token was issued for another channel (aud)',
    );
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT({})
      .setIssuer(LINE_ISSUER)
      .setAudience(CHANNEL)
      .setSubject(LINE_USER)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 3600)
      .encode();
    await expect(verify(token)).rejects.toThrow('ID token must be signed with ES256');
  });

  it('refuses an HS256 token, whatever its secret', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LINE_ISSUER)
      .setAudience(CHANNEL)
      .setSubject(LINE_USER)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 3600)
      .sign(new TextEncoder().encode(JSON.stringify(keySet.jwks.keys[0])));
    await expect(verify(token)).rejects.toThrow('ID token must be signed with ES256');
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['two segments', 'abc.def'],
    ['empty signature', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.'],
  ])('refuses a malformed token (%s)', async (_name, token) => {
    await expect(verify(token)).rejects.toThrow(/malformed|must be signed|signature is invalid/);
  });

  it('refuses a truncated valid token', async () => {
    const token = await keySet.signIdToken({ lineUserId: LINE_USER });
    await expect(verify(token.slice(0, -10))).rejects.toThrow(/signature is invalid|malformed/);
  });

  it('refuses a token issued in the future', async () => {
    const token = await es256Token({ iat: nowSeconds + 600 }, trustedPrivateKey);
    await expect(verify(token)).rejects.toThrow('ID token issue time is in the future (iat)');
  });

  it('refuses a subject that is not a LINE user id', async () => {
    const token = await es256Token({ sub: 'admin' }, trustedPrivateKey);
    await expect(verify(token)).rejects.toThrow('ID token subject is not a LINE user id');
  });
});

