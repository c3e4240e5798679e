import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { LinkResultSchema, type LinkRequest } from '../../../../contract/link';
import { apiRequest } from '../../../lib/api-client';

/** POST /api/me/link: link or recover. Points, the card number and coupons may all change, so everything refreshes. */
export function useLinkMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: LinkRequest) => apiRequest('/api/me/link', LinkResultSchema, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/**
 * DELETE /api/me/link. The points moved over stay; the card's number, coupons and menu may change, so
 * everything refreshes. `onUnlinked` runs here rather than as a mutate() callback: the refresh unmounts
 * the linked view that started the unlink, and React Query skips the callbacks of an unmounted caller.
 */
export function useUnlinkMembership(onUnlinked?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/me/link', z.null(), { method: 'DELETE' }),
    onSuccess: () => {
      onUnlinked?.();
      return queryClient.invalidateQueries();
    },
  });
}
