import { queryOptions } from '@tanstack/react-query';
import { CouponListSchema } from '../../../../contract/coupons';
import { apiRequest } from '../../../lib/api-client';

export const couponQueries = {
  all: () => ['coupons'] as const,
  list: () =>
    queryOptions({
      queryKey: [...couponQueries.all(), 'list'] as const,
      queryFn: () => apiRequest('/api/me/coupons', CouponListSchema),
      // A purchase at the register can issue a coupon at any moment: every screen that shows the
      // list asks again when it opens (the list is small), instead of trusting a 30 s old copy.
      staleTime: 0,
    }),
};
