import { Hono } from 'hono';
import type { WalletAvailability } from '../../contract/wallet';
import type { ShopperEnv } from '../members/shopper-env';

export type WalletsRoutesDeps = {
  /** Apple Wallet passes, null or absent when the brand has none. */
  appleWallet?: unknown;
  /** The Google Wallet issuer, null or absent when the brand has none. */
  googleWallet?: unknown;
};

/** GET /api/me/wallets: which wallets offer the card, so the SPA shows only buttons that work. */
export function walletsRoutes(deps: WalletsRoutesDeps) {
  return new Hono<ShopperEnv>().get('/', (c) => {
    const body: WalletAvailability = { apple: Boolean(deps.appleWallet), google: Boolean(deps.googleWallet) };
    return c.json(body);
  });
}
