import { describe, expect, it } from 'vitest';
import { walletButtonsShown } from './wallet-buttons-shown';

describe('wallet buttons by platform and brand', () => {
  const both = { apple: true, google: true };
  it('an iPhone sees Apple Wallet only, an Android phone Google Wallet only, a browser both', () => {
    expect(walletButtonsShown('ios', both)).toEqual({ apple: true, google: false });
    expect(walletButtonsShown('android', both)).toEqual({ apple: false, google: true });
    expect(walletButtonsShown('web', both)).toEqual({ apple: true, google: true });
  });
  it('a wallet the brand has not configured is never shown', () => {
    expect(walletButtonsShown('ios', { apple: false, google: true })).toEqual({ apple: false, google: false });
    expect(walletButtonsShown('web', { apple: false, google: true })).toEqual({ apple: false, google: true });
    expect(walletButtonsShown('android', { apple: true, google: false })).toEqual({ apple: false, google: false });
  });
});
