import { queryOptions } from '@tanstack/react-query';
import { StampCardSchema } from '../../../../contract/stamps';
import { apiRequest } from '../../../lib/api-client';

export const stampQueries = {
  all: () => ['stamps'] as const,
  card: () =>
    queryOptions({
      queryKey: [...stampQueries.all(), 'card'] as const,
      queryFn: () => apiRequest('/api/me/stamps', StampCardSchema),
    }),
};
