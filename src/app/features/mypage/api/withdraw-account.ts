import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import type { WithdrawRequest } from '../../../../contract/link';
import { apiRequest } from '../../../lib/api-client';
import { forgetAppShell } from '../../../lib/app-shell-worker';
import { clearCachedCard } from '../../../lib/card-cache';
import { closeLiffWindow } from '../../../lib/liff';
import { markWithdrawn } from '../../../lib/withdrawal-state';

/** How long the goodbye stays on screen before LINE's window closes. */
export const GOODBYE_MS = 2_500;

/** DELETE /api/me/account: withdrawal. The session ends with it. */
export function useWithdrawAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => {
      const confirmation: WithdrawRequest = { confirm: 'withdraw' };
      return apiRequest('/api/me/account', z.null(), { method: 'DELETE', body: confirmation, retryOnUnauthorized: false });
    },
    onSuccess: () => {
      // The goodbye screen first: it replaces every screen, so no query is left to refetch, be
      // answered 401 and sign in again — which, ID-first, would create a new member.
      markWithdrawn();
      queryClient.clear();
      // The card, and the copy index.html paints on the next open, leave with the membership.
      clearCachedCard();
      void forgetAppShell();
      setTimeout(() => void closeLiffWindow().catch((error: unknown) => console.warn('closeWindow failed', error)), GOODBYE_MS);
    },
  });
}
