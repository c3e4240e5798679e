import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockApns, type MockApns } from '../../../../mocks/apns-server';
import { readServerEnv } from '../../config/env';
import { testAppleWalletCredentials } from '../../testing/apple-wallet-testing';
import { createApnsClient } from './apns-client';
import { appleWalletEnabled, loadAppleWallet } from './apple-wallet-setup';
import { loadDevelopmentCredentials } from './dev-certificates';

const GENERATED_SECRET = 'q3Vf8Zr1LmN0xT6wYb2Kc9HdJ4sPuE7a+GhRj5oWkQ=';
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: GENERATED_SECRET,
  LINE_LOGIN_CHANNEL_ID: '1657000000',
  LINE_CHANNEL_ACCESS_TOKEN: 'token',
  LINE_CHANNEL_SECRET: 'secret',
};
const credentials = testAppleWalletCredentials();
const CONFIGURED = {
  APPLE_WALLET_PASS_TYPE_ID: 'pass.jp.example.member',
  APPLE_WALLET_TEAM_ID: 'ABCDE12345',
  APPLE_WALLET_SIGNER_CERT: credentials.signerCert,
  APPLE_WALLET_SIGNER_KEY: credentials.signerKey,
  APPLE_WALLET_WWDR_CERT: credentials.caCert,
};

describe('Apple Wallet configuration', () => {
  it('is disabled in production without certificates, and uses the development stand-ins elsewhere', () => {
    const production = readServerEnv(PRODUCTION);
    expect(production.appleWallet).toEqual({ mode: 'disabled' });
    expect(appleWalletEnabled(production)).toBe(false);
    const development = readServerEnv({});
    expect(development.appleWallet).toEqual({ mode: 'development', devDir: '.data/apple-wallet-dev', apnsBaseUrl: 'http://127.0.0.1:8819' });
    expect(appleWalletEnabled(development)).toBe(true);
  });

  it('refuses half a configuration, and production without APNs or an https PUBLIC_BASE_URL, naming what is missing', () => {
    expect(() => readServerEnv({ APPLE_WALLET_PASS_TYPE_ID: 'pass.jp.example.member' })).toThrow(/missing APPLE_WALLET_TEAM_ID, APPLE_WALLET_SIGNER_CERT, APPLE_WALLET_SIGNER_KEY, APPLE_WALLET_WWDR_CERT/);
    expect(() => readServerEnv({ ...CONFIGURED, APPLE_APNS_KEY_ID: 'KEY1234567' })).toThrow(/APNs needs both/);
    expect(() => readServerEnv({ ...PRODUCTION, ...CONFIGURED })).toThrow(/APPLE_APNS_KEY: production Apple Wallet needs[\s\S]*PUBLIC_BASE_URL: production Apple Wallet needs an https/);
    expect(() => readServerEnv({ ...CONFIGURED, APPLE_WALLET_PASS_TYPE_ID: 'com.example' })).toThrow(/APPLE_WALLET_PASS_TYPE_ID/);
  });

  it('loads a real configuration: PEMs inline (with literal \\n) or from files, APNs on Apple’s host by default', async () => {
    const env = readServerEnv({
      ...PRODUCTION,
      ...CONFIGURED,
      APPLE_WALLET_SIGNER_KEY: credentials.signerKey.replace(/\r?\n/g, '\\n'),
      APPLE_APNS_KEY_ID: 'KEY1234567',
      APPLE_APNS_KEY: credentials.apns.key,
      PUBLIC_BASE_URL: 'https://card.example.jp/',
    });
    const wallet = await loadAppleWallet(env, GENERATED_SECRET);
    expect(wallet).toMatchObject({
      passTypeId: 'pass.jp.example.member',
      teamId: 'ABCDE12345',
      webServiceUrl: 'https://card.example.jp/wallet/apple',
      apns: { baseUrl: 'https://api.push.apple.com', keyId: 'KEY1234567', teamId: 'ABCDE12345' },
    });
    expect(wallet!.certificates.signerKey).toContain('\n');
    expect(wallet!.certificates.signerKey).not.toContain('\\n');
  });

  it('makes development credentials once and keeps them: a second start (or the job runner) reads the same ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apple-wallet-dev-'));
    try {
      const [first, second] = await Promise.all([loadDevelopmentCredentials(dir), loadDevelopmentCredentials(dir)]);
      expect(second).toEqual(first);
      expect(await loadDevelopmentCredentials(dir)).toEqual(first);
      expect(first.signerCert).toContain('BEGIN CERTIFICATE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('APNs client against the mock APNs (HTTP/2)', () => {
  let apns: MockApns;
  beforeAll(async () => {
    apns = await startMockApns({ credentials: () => ({ teamId: credentials.teamId, keyId: credentials.apns.keyId, publicKey: createPublicKey(credentials.apns.key) }) });
  });
  afterAll(() => apns.close());

  it('sends an empty push with the pass type id as topic and an ES256 provider token; a token signed with another key is refused with 403', async () => {
    const client = createApnsClient({ baseUrl: apns.url, keyId: credentials.apns.keyId, teamId: credentials.teamId, key: credentials.apns.key }, () => new Date());
    expect(await client.pushPassUpdate('ab'.repeat(32), 'pass.dev.membercard')).toEqual({ status: 200, reason: null, retryAfterMs: null });
    expect(apns.pushes.at(-1)).toMatchObject({ deviceToken: 'ab'.repeat(32), topic: 'pass.dev.membercard', payload: '{}' });
    client.close();

    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const forger = createApnsClient({ baseUrl: apns.url, keyId: credentials.apns.keyId, teamId: credentials.teamId, key: otherKey.privateKey }, () => new Date());
    expect(await forger.pushPassUpdate('ab'.repeat(32), 'pass.dev.membercard')).toMatchObject({ status: 403, reason: 'InvalidProviderToken' });
    const wrongTeam = createApnsClient({ baseUrl: apns.url, keyId: credentials.apns.keyId, teamId: 'OTHERTEAM1', key: credentials.apns.key }, () => new Date());
    expect(await wrongTeam.pushPassUpdate('ab'.repeat(32), 'pass.dev.membercard')).toMatchObject({ status: 403, reason: 'InvalidProviderToken' });
    forger.close();
    wrongTeam.close();
  });

  it('an unreachable APNs is an error the outbox retries, not a hang', async () => {
    const client = createApnsClient({ baseUrl: 'http://127.0.0.1:9', keyId: credentials.apns.keyId, teamId: credentials.teamId, key: credentials.apns.key }, () => new Date());
    await expect(client.pushPassUpdate('ab'.repeat(32), 'pass.dev.membercard')).rejects.toThrow();
    client.close();
  });
});
