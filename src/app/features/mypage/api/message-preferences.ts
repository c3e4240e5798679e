import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { MessagePreferencesSchema, type MessagePreferences, type UpdateMessagePreferencesRequest } from '../../../../contract/message-preferences';
import { apiRequest } from '../../../lib/api-client';

export const messagePreferenceQueries = {
  detail: () =>
    queryOptions({
      queryKey: ['me', 'message-preferences'] as const,
      queryFn: () => apiRequest('/api/me/message-preferences', MessagePreferencesSchema),
    }),
};

/** PUT /api/me/message-preferences; the switch moves at once and moves back if the BFF refuses. */
export function useUpdateMessagePreferences() {
  const queryClient = useQueryClient();
  const key = messagePreferenceQueries.detail().queryKey;
  return useMutation({
    mutationFn: (next: UpdateMessagePreferencesRequest) => apiRequest('/api/me/message-preferences', MessagePreferencesSchema, { method: 'PUT', body: next }),
    onMutate: async (next) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<MessagePreferences>(key);
      queryClient.setQueryData(key, next);
      return { before };
    },
    onError: (_error, _next, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}
