import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { LinkResultSchema, type LinkRequest, type WithdrawRequest } from '../../../../contract/link';
import { apiRequest } from '../../../lib/api-client';
import { clearCachedCard } from '../../../lib/card-cache';

/** POST /api/me/link: link or recover. Points, the card number and coupons may all change, so everything refreshes. */
export function useLinkMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: LinkRequest) => apiRequest('/api/me/link', LinkResultSchema, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** DELETE /api/me/link. */
export function useUnlinkMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/me/link', z.null(), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** DELETE /api/me/account: withdrawal. The session ends with it. */
export function useWithdraw() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => {
      const confirmation: WithdrawRequest = { confirm: 'withdraw' };
      return apiRequest('/api/me/account', z.null(), { method: 'DELETE', body: confirmation, retryOnUnauthorized: false });
    },
    onSuccess: () => {
      queryClient.clear();
      // The card, and the copy index.html paints on the next open, leave with the membership.
      clearCachedCard();
    },
  });
}
