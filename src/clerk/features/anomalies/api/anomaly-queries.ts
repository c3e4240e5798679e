import { queryOptions } from '@tanstack/react-query';
import { AnomalyListSchema } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const anomalyQueries = {
  all: () => ['staff-anomalies'] as const,
  /** `day` as YYYY-MM-DD; undefined: today in JST, as the BFF reckons it. */
  forDay: (day?: string) =>
    queryOptions({
      queryKey: [...anomalyQueries.all(), day ?? 'today'] as const,
      queryFn: () => staffRequest(day ? `/anomalies?day=${encodeURIComponent(day)}` : '/anomalies', AnomalyListSchema),
    }),
};
