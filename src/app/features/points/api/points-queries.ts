import { queryOptions } from '@tanstack/react-query';
import { PointsOverviewSchema } from '../../../../contract/points';
import { apiRequest } from '../../../lib/api-client';

export const pointsQueries = {
  all: () => ['points'] as const,
  overview: () =>
    queryOptions({
      queryKey: [...pointsQueries.all(), 'overview'] as const,
      queryFn: () => apiRequest('/api/me/points', PointsOverviewSchema),
    }),
};
