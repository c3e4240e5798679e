import { GoogleWalletSaveLinkSchema } from '../../../../contract/wallet';
import { apiRequest } from '../../../lib/api-client';

/** GET /api/me/wallet/google: the signed "Save to Google Wallet" link of the card as it is now. */
export const getGoogleSaveLink = () => apiRequest('/api/me/wallet/google', GoogleWalletSaveLinkSchema);
