import type { WalletAvailability } from '../../../../contract/wallet';
import type { LiffOs } from '../../../lib/liff';

/**
 * Which wallet buttons the card shows: a wallet the brand offers, on the phone that has it
 * (Apple Wallet on iOS, Google Wallet on Android); a desktop or development browser ('web') sees
 * every offered one.
 */
export function walletButtonsShown(os: LiffOs, offered: WalletAvailability): WalletAvailability {
  return {
    apple: offered.apple && (os === 'ios' || os === 'web'),
    google: offered.google && (os === 'android' || os === 'web'),
  };
}
