import type { Database } from '../../db/database';
import type { OutboxDeliveries } from '../../line/outbox-worker';
import { createApnsClient } from './apns-client';
import { apnsPassUpdateDelivery } from './apns-delivery';
import type { AppleWallet } from './apple-wallet-setup';

/**
 * The job runner's deliveries for Apple Wallet (spread them into JobDeps.deliveries beside other
 * kinds'): none when Apple Wallet or its APNs key is not configured, and the outbox then skips
 * `apns_pass_update` rows.
 */
export function appleWalletDeliveries(db: Database, wallet: AppleWallet | null, clock: () => Date): OutboxDeliveries {
  if (!wallet?.apns) return {};
  return { apns_pass_update: apnsPassUpdateDelivery({ db, apns: createApnsClient(wallet.apns, clock), passTypeId: wallet.passTypeId }) };
}
