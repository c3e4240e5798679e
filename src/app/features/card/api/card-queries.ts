import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { MemberCardSchema, type MemberCard } from '../../../../contract/card';
import { apiRequest } from '../../../lib/api-client';
import { loadCachedCard, saveCachedCard } from '../../../lib/card-cache';

/** While the card is on screen it refreshes often, so a clerk's purchase shows within seconds. */
export const CARD_REFRESH_MS = 5_000;

/** The card the session call answered with: on screen without a request of its own. */
export function seedCard(queryClient: QueryClient, card: MemberCard) {
  saveCachedCard(card, Date.now());
  queryClient.setQueryData(cardQueries.detail().queryKey, card);
}

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
      // A card from the local cache is shown at once and refreshed on open; one the session call
      // just brought is fresh until the next refresh tick.
      staleTime: CARD_REFRESH_MS,
      // At the register an unreachable BFF should turn into the offline banner quickly.
      networkMode: 'always',
      retry: 1,
      retryDelay: 500,
    }),
};
