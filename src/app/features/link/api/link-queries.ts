import { queryOptions } from '@tanstack/react-query';
import { LinkStatusSchema } from '../../../../contract/link';
import { apiRequest } from '../../../lib/api-client';

export const linkQueries = {
  all: () => ['link'] as const,
  status: () =>
    queryOptions({
      queryKey: [...linkQueries.all(), 'status'] as const,
      queryFn: () => apiRequest('/api/me/link', LinkStatusSchema),
    }),
};
