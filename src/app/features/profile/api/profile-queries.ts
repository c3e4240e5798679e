import { queryOptions } from '@tanstack/react-query';
import { ProfileViewSchema } from '../../../../contract/profile';
import { apiRequest } from '../../../lib/api-client';

export const profileQueries = {
  all: () => ['profile'] as const,
  detail: () =>
    queryOptions({
      queryKey: [...profileQueries.all(), 'detail'] as const,
      queryFn: () => apiRequest('/api/me/profile', ProfileViewSchema),
    }),
};
