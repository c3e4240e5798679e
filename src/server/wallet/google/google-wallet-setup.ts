import { generateKeyPair, importPKCS8 } from 'jose';
import type { GoogleWalletEnv } from '../../config/env';
import type { ProgramConfig } from '../../loyalty/program-config';
import { createGoogleWalletApi, type GoogleWalletApi, type ServiceAccount } from './google-wallet-api';
import { loyaltyClassId } from './google-pass';

/** The issuer the BFF acts as: who signs save links and calls the API, and the programme's class. */
export type GoogleWallet = {
  issuerId: string;
  account: ServiceAccount;
  /** The class every member's object belongs to (one per programme). */
  classId: string;
  /** The programme logo Google fetches (https PNG in production). */
  logoUri: string;
  api: GoogleWalletApi;
};

/** Stand-ins used outside production when no issuer is configured: the mock API accepts them. */
export const DEV_GOOGLE_WALLET_ISSUER_ID = '3388000000022000000';
export const DEV_GOOGLE_WALLET_SERVICE_ACCOUNT = 'member-card-dev@member-card-dev.iam.gserviceaccount.com';

/**
 * Builds the issuer from configuration: the service account's key (PKCS#8 PEM) for a real issuer;
 * in development and tests a key generated now, with the mock API. Null: Google Wallet is off.
 */
export async function createGoogleWallet(env: GoogleWalletEnv, program: ProgramConfig, clock: () => Date): Promise<GoogleWallet | null> {
  if (!env) return null;
  const brandLogo = program.brand.logo?.src.startsWith('https://') ? program.brand.logo.src : undefined;
  if (env.mode === 'configured') {
    const logoUri = env.logoUrl ?? brandLogo;
    if (!logoUri) throw new Error('Google Wallet needs a programme logo: set GOOGLE_WALLET_LOGO_URL (https PNG) or an https brand.logo.src');
    const account = { email: env.serviceAccountEmail, privateKey: await importPKCS8(env.privateKeyPem, 'RS256') };
    return {
      issuerId: env.issuerId,
      account,
      classId: loyaltyClassId(env.issuerId, program),
      logoUri,
      api: createGoogleWalletApi({ apiBaseUrl: env.apiBaseUrl, tokenUrl: env.tokenUrl, account, clock }),
    };
  }
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const account = { email: DEV_GOOGLE_WALLET_SERVICE_ACCOUNT, privateKey };
  return {
    issuerId: DEV_GOOGLE_WALLET_ISSUER_ID,
    account,
    classId: loyaltyClassId(DEV_GOOGLE_WALLET_ISSUER_ID, program),
    logoUri: env.logoUrl ?? brandLogo ?? `${env.apiBaseUrl.replace(/\/$/, '')}/__mock/logo.png`,
    api: createGoogleWalletApi({ apiBaseUrl: env.apiBaseUrl, tokenUrl: env.tokenUrl, account, clock }),
  };
}
