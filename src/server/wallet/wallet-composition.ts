import type { ServerEnv } from '../config/env';
import type { Database } from '../db/database';
import type { OutboxDeliveries } from '../line/outbox-worker';
import type { CardChangedHook } from '../loyalty/loyalty-deps';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import { appleWalletDeliveries } from './apple/apple-wallet-deliveries';
import { loadAppleWallet, type AppleWallet } from './apple/apple-wallet-setup';
import { enqueueApplePassUpdate } from './apple/apple-wallet.service';
import { createGoogleWallet, type GoogleWallet } from './google/google-wallet-setup';
import { createGoogleWalletDelivery, enqueueGoogleWalletUpdate } from './google/google-wallet.service';
import { walletCardChangedHook } from './wallet-card-changes';

export type WalletComposition = {
  appleWallet: AppleWallet | null;
  googleWallet: GoogleWallet | null;
  /** Given to the loyalty service: card changes queue each offered Wallet's update in their own transaction. */
  onCardChanged: CardChangedHook | undefined;
  /** The outbox deliveries of the offered Wallets, once the loyalty service exists (Google's reads the card). */
  deliveries: (db: Database, loyalty: LoyaltyService) => OutboxDeliveries;
};

/**
 * Both Wallets as the environment configures them, for the BFF and the job runner alike (each
 * builds its loyalty service with `onCardChanged`, then its outbox deliveries). `linkSecret` keys
 * Apple Wallet's download links; a runner that signs none may pass any secret.
 */
export async function composeWallets(
  env: Pick<ServerEnv, 'appleWallet' | 'googleWallet' | 'publicBaseUrl'>,
  program: ProgramConfig,
  clock: () => Date,
  linkSecret: string,
): Promise<WalletComposition> {
  const appleWallet = await loadAppleWallet(env, linkSecret);
  const googleWallet = await createGoogleWallet(env.googleWallet, program, clock);
  return {
    appleWallet,
    googleWallet,
    onCardChanged: walletCardChangedHook([googleWallet && enqueueGoogleWalletUpdate, appleWallet && enqueueApplePassUpdate]),
    deliveries: (db, loyalty) => ({
      ...(googleWallet ? { google_wallet_patch: createGoogleWalletDelivery({ db, program, clock, loyalty, googleWallet }) } : {}),
      ...appleWalletDeliveries(db, appleWallet, clock),
    }),
  };
}
