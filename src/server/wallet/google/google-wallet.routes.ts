import { Hono } from 'hono';
import type { GoogleWalletSaveLink } from '../../../contract/wallet';
import type { Database } from '../../db/database';
import { HttpError } from '../../http/http-error';
import type { LoyaltyService } from '../../loyalty/loyalty.service';
import type { ProgramConfig } from '../../loyalty/program-config';
import { memberGone, type ShopperEnv } from '../../members/shopper-env';
import type { GoogleWallet } from './google-wallet-setup';
import { googleWalletSaveUrl } from './google-wallet.service';

export type GoogleWalletRoutesDeps = {
  db: Database;
  program: ProgramConfig;
  clock: () => Date;
  loyalty: Pick<LoyaltyService, 'memberCard'>;
  /** Null or absent: the brand offers no Google Wallet pass. */
  googleWallet?: GoogleWallet | null;
};

/** GET /api/me/wallet/google: the signed "Save to Google Wallet" link of the session's card. */
export function googleWalletRoutes(deps: GoogleWalletRoutesDeps) {
  return new Hono<ShopperEnv>().get('/', async (c) => {
    const googleWallet = deps.googleWallet;
    if (!googleWallet) throw new HttpError(404, 'wallet_not_offered', 'This card has no Google Wallet pass.');
    const outcome = await googleWalletSaveUrl({ ...deps, googleWallet }, { memberId: c.get('memberId'), origin: new URL(c.req.url).origin });
    if (!outcome.ok) {
      if (outcome.error === 'member_not_found') throw memberGone();
      throw new HttpError(410, 'pass_voided', 'This Google Wallet pass was voided.');
    }
    const body: GoogleWalletSaveLink = { url: outcome.url };
    return c.json(body);
  });
}
