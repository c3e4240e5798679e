import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { newIdempotencyKey } from '../../../lib/api-client';
import { memberQueries } from './member-queries';

/**
 * A register action: one idempotency key per attempt, kept while the same request is retried
 * (a double click or a retry after a network error cannot spend twice), renewed once it succeeded
 * or the clerk changed what is asked. Success refreshes the member on screen.
 */
export function useStaffAction<TBody, TResult>(send: (body: TBody, idempotencyKey: string) => Promise<TResult>) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (body: TBody) => {
      const serialised = JSON.stringify(body);
      if (attempt.current?.body !== serialised) attempt.current = { body: serialised, key: newIdempotencyKey() };
      return send(body, attempt.current.key);
    },
    onSuccess: () => {
      attempt.current = null;
      return queryClient.invalidateQueries({ queryKey: memberQueries.all() });
    },
  });
}
