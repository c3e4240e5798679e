import { z } from 'zod/mini';
import { text } from './text';

/**
 * Wallet passes of the card (GET /api/me/wallets): which wallets the brand offers. The SPA shows
 * a wallet's button only when it is offered here and the phone is of that platform.
 */
export const WalletAvailabilitySchema = z.object({ apple: z.boolean(), google: z.boolean() });
export type WalletAvailability = z.infer<typeof WalletAvailabilitySchema>;

/** GET /api/me/wallet/google: the "Save to Google Wallet" link (https://pay.google.com/gp/v/save/<signed JWT>). */
export const GoogleWalletSaveLinkSchema = z.object({ url: text().check(z.regex(/^https:\/\/pay\.google\.com\/gp\/v\/save\//)) });
export type GoogleWalletSaveLink = z.infer<typeof GoogleWalletSaveLinkSchema>;

// POST /api/me/wallet/apple/link answers with AppleWalletLinkSchema (contract/apple-wallet.ts).
