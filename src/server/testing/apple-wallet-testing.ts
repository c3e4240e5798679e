import { readFileSync } from 'node:fs';
import type { DevelopmentCredentials } from '../wallet/apple/dev-certificates';

/**
 * Stand-in Apple Wallet credentials for tests, made once by createDevelopmentCredentials and kept
 * beside this file: making a CA and a signer costs seconds, every test app would pay it.
 */
export function testAppleWalletCredentials(): DevelopmentCredentials {
  return JSON.parse(readFileSync(new URL('./apple-wallet-test-credentials.json', import.meta.url), 'utf8')) as DevelopmentCredentials;
}
