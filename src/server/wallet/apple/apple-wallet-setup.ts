import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerEnv } from '../../config/env';
import type { ApnsSettings } from './apns-client';
import { loadDevelopmentCredentials, type DevelopmentCredentials } from './dev-certificates';

/** Apple Wallet as the app runs it: who signs passes, where devices call back, how pushes go out. */
export type AppleWallet = {
  passTypeId: string;
  teamId: string;
  /** `${PUBLIC_BASE_URL}/wallet/apple`: the pass's webServiceURL (Apple appends /v1/…). */
  webServiceUrl: string;
  /** Where a short-lived download link points (the same origin as the web service). */
  publicBaseUrl: string;
  certificates: { wwdr: string; signerCert: string; signerKey: string; signerKeyPassphrase?: string };
  /** Signs the short-lived download links (HS256); derived from the session secret. */
  linkKey: Uint8Array;
  /** Null: passes are served but devices are not pushed (development without a key never happens; see env.ts). */
  apns: ApnsSettings | null;
};

/** Where the PassKit web service and the download links are mounted. */
export const APPLE_WALLET_PREFIX = '/wallet/apple';

/** Whether this deployment offers Apple Wallet: configured, or development's stand-ins. */
export function appleWalletEnabled(env: Pick<ServerEnv, 'appleWallet'>): boolean {
  return env.appleWallet.mode !== 'disabled';
}

/** Builds Apple Wallet from the configuration; null when disabled (production without certificates). */
export async function loadAppleWallet(env: Pick<ServerEnv, 'appleWallet' | 'publicBaseUrl'>, sessionSecret: string): Promise<AppleWallet | null> {
  const settings = env.appleWallet;
  if (settings.mode === 'disabled') return null;
  if (settings.mode === 'development') {
    const credentials = await loadDevelopmentCredentials(settings.devDir);
    return developmentAppleWallet(credentials, { publicBaseUrl: env.publicBaseUrl, apnsBaseUrl: settings.apnsBaseUrl, sessionSecret });
  }
  const [signerCert, signerKey, wwdr, apnsKey] = await Promise.all([
    pemOrFile(settings.signerCert),
    pemOrFile(settings.signerKey),
    pemOrFile(settings.wwdrCert),
    settings.apns ? pemOrFile(settings.apns.key) : Promise.resolve(null),
  ]);
  return {
    passTypeId: settings.passTypeId,
    teamId: settings.teamId,
    webServiceUrl: `${env.publicBaseUrl}${APPLE_WALLET_PREFIX}`,
    publicBaseUrl: env.publicBaseUrl,
    certificates: { wwdr, signerCert, signerKey, signerKeyPassphrase: settings.signerKeyPassphrase },
    linkKey: linkKey(sessionSecret),
    apns: settings.apns && apnsKey ? { baseUrl: settings.apns.baseUrl, keyId: settings.apns.keyId, teamId: settings.apns.teamId, key: apnsKey } : null,
  };
}

/** Development and tests: the local CA signs, the mock APNs receives. */
export function developmentAppleWallet(
  credentials: DevelopmentCredentials,
  options: { publicBaseUrl: string; apnsBaseUrl: string; sessionSecret: string },
): AppleWallet {
  return {
    passTypeId: credentials.passTypeId,
    teamId: credentials.teamId,
    webServiceUrl: `${options.publicBaseUrl}${APPLE_WALLET_PREFIX}`,
    publicBaseUrl: options.publicBaseUrl,
    certificates: { wwdr: credentials.caCert, signerCert: credentials.signerCert, signerKey: credentials.signerKey },
    linkKey: linkKey(options.sessionSecret),
    apns: { baseUrl: options.apnsBaseUrl, keyId: credentials.apns.keyId, teamId: credentials.teamId, key: credentials.apns.key },
  };
}

/** A PEM given inline (as is, or with literal \n) or a path to a PEM file. */
async function pemOrFile(value: string): Promise<string> {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  return readFile(value, 'utf8');
}

const linkKey = (sessionSecret: string) => new Uint8Array(createHmac('sha256', sessionSecret).update('apple-wallet-download-link').digest());
