import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SaveProfileResponseSchema, type ProfileInput } from '../../../../contract/profile';
import { apiRequest } from '../../../lib/api-client';
import { profileQueries } from './profile-queries';

/** PUT /api/me/profile. Saving can change points and coupons too, so every cached view is refreshed. */
export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => apiRequest('/api/me/profile', SaveProfileResponseSchema, { method: 'PUT', body: input }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(profileQueries.detail().queryKey, saved.view);
      await queryClient.invalidateQueries();
    },
  });
}
