import { CreateSessionResponseSchema } from '../../../../contract/session';
import { apiRequest } from '../../../lib/api-client';
import { ApiError } from '../../../../shared/api/request';
import type { LiffAuth } from '../../../lib/liff';

function createSession(idToken: string) {
  return apiRequest('/api/session', CreateSessionResponseSchema, {
    method: 'POST',
    body: { idToken },
    retryOnUnauthorized: false,
  });
}

/**
 * Trades the LIFF ID token for a BFF session. LIFF may still hold an expired token, which the
 * BFF refuses with 401: then log out and in again for a fresh one.
 */
export async function establishSession(auth: LiffAuth): Promise<void> {
  try {
    await createSession(await auth.getIdToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await auth.relogin();
    await createSession(await auth.getIdToken());
  }
}
