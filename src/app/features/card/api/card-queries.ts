import { queryOptions } from '@tanstack/react-query';
import { MemberCardSchema } from '../../../../contract/card';
import { apiRequest } from '../../../lib/api-client';
import { loadCachedCard, saveCachedCard } from '../../../lib/card-cache';

/** While the card is on screen it refreshes often, so a clerk's purchase shows within seconds. */
export const CARD_REFRESH_MS = 5_000;

export const cardQueries = {
  all: () => ['card'] as const,
  detail: () =>
    queryOptions({
      queryKey: [...cardQueries.all(), 'detail'] as const,
      queryFn: async () => {
        const card = await apiRequest('/api/me/card', MemberCardSchema);
        saveCachedCard(card, Date.now());
        return card;
      },
      initialData: () => loadCachedCard()?.card,
      initialDataUpdatedAt: () => loadCachedCard()?.savedAt,
      // A cached card is shown at once but always refreshed on open.
      staleTime: 0,
      // At the register an unreachable BFF should turn into the offline banner quickly.
      networkMode: 'always',
      retry: 1,
      retryDelay: 500,
    }),
};
