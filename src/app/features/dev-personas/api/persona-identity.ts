import { queryOptions } from '@tanstack/react-query';
import { DevIdTokenResponseSchema, DevPersonaListSchema } from '../../../../contract/dev-personas';
import { apiRequest } from '../../../lib/api-client';
import type { MockIdentity } from '../../../lib/liff';
import { personaFromUrl, usePersonaStore } from '../stores/persona-store';

/** Asks the dev BFF to sign an ID token for the chosen persona, as LINE Login would. */
export async function fetchPersonaIdentity(): Promise<MockIdentity> {
  const fromUrl = personaFromUrl(window.location.search);
  if (fromUrl) usePersonaStore.getState().setPersonaId(fromUrl);
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
