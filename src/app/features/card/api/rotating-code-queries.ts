import { queryOptions } from '@tanstack/react-query';
import { RotatingCodeSchema } from '../../../../contract/rotating-code';
import { apiRequest } from '../../../lib/api-client';

export const rotatingCodeQueries = {
  all: () => ['rotating-code'] as const,
  current: () =>
    queryOptions({
      queryKey: [...rotatingCodeQueries.all(), 'current'] as const,
      queryFn: () => apiRequest('/api/me/rotating-code', RotatingCodeSchema),
      // Refetched exactly when it expires (see the panel); never served from a stale cache.
      staleTime: 0,
      gcTime: 0,
    }),
};
