import { AppleWalletLinkSchema } from '../../../../contract/apple-wallet';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/me/wallet/apple/link: a short-lived download link of the card's .pkpass, for Safari outside LINE. */
export const createAppleWalletLink = () => apiRequest('/api/me/wallet/apple/link', AppleWalletLinkSchema, { method: 'POST' });
