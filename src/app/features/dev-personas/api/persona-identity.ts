import { queryOptions } from '@tanstack/react-query';
import { DevIdTokenResponseSchema, DevPersonaListSchema } from '../../../../contract/dev-personas';
import { apiRequest } from '../../../lib/api-client';
import { clearCachedCard } from '../../../lib/card-cache';
import type { MockIdentity } from '../../../lib/liff';
import { personaFromUrl, usePersonaStore } from '../stores/persona-store';

/** `?persona=id` switches persona; the previous persona's cached card must not show. */
export function applyPersonaFromUrl() {
  const fromUrl = personaFromUrl(window.location.search);
  if (fromUrl && fromUrl !== usePersonaStore.getState().personaId) {
    usePersonaStore.getState().setPersonaId(fromUrl);
    clearCachedCard();
  }
}

/** Asks the dev BFF to sign an ID token for the chosen persona, as LINE Login would. */
export async function fetchPersonaIdentity(): Promise<MockIdentity> {
  const { personaId } = usePersonaStore.getState();
  return apiRequest('/dev/id-token', DevIdTokenResponseSchema, { method: 'POST', body: { personaId }, retryOnUnauthorized: false });
}

export const personaQueries = {
  list: () =>
    queryOptions({
      queryKey: ['dev', 'personas'] as const,
      queryFn: () => apiRequest('/dev/personas', DevPersonaListSchema),
      staleTime: Infinity,
    }),
};
