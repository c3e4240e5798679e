import { queryOptions } from '@tanstack/react-query';
import { CouponListSchema } from '../../../../contract/coupons';
import { apiRequest } from '../../../lib/api-client';

export const couponQueries = {
  all: () => ['coupons'] as const,
  list: () =>
    queryOptions({
      queryKey: [...couponQueries.all(), 'list'] as const,
      queryFn: () => apiRequest('/api/me/coupons', CouponListSchema),
    }),
};
