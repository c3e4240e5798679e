import { queryOptions } from '@tanstack/react-query';
import { WalletAvailabilitySchema } from '../../../../contract/wallet';
import { apiRequest } from '../../../lib/api-client';

export const walletQueries = {
  all: () => ['me', 'wallets'] as const,
  /** GET /api/me/wallets: which wallets the brand offers (configuration: it changes with a deploy, not during a visit). */
  availability: () =>
    queryOptions({
      queryKey: [...walletQueries.all(), 'availability'] as const,
      queryFn: () => apiRequest('/api/me/wallets', WalletAvailabilitySchema),
      staleTime: Infinity,
    }),
};
