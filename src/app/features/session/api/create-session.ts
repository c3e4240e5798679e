import type { MemberCard } from '../../../../contract/card';
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
 * BFF refuses with 401: then log out and in again for a fresh one. Answers the member's card,
 * which the session call carries so the card needs no second round trip.
 */
export async function establishSession(auth: LiffAuth): Promise<MemberCard> {
  try {
    return (await createSession(await auth.getIdToken())).card;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await auth.relogin();
    return (await createSession(await auth.getIdToken())).card;
  }
}
