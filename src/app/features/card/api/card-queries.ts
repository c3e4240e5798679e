import { queryOptions } from '@tanstack/react-query';
import { MemberCardSchema } from '../../../../contract/card';
import { apiRequest } from '../../../lib/api-client';

export const cardQueries = {
  all: () => ['card'] as const,
  detail: () =>
    queryOptions({
      queryKey: [...cardQueries.all(), 'detail'] as const,
      queryFn: () => apiRequest('/api/me/card', MemberCardSchema),
    }),
};
