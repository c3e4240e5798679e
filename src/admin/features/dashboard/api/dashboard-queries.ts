import { queryOptions } from '@tanstack/react-query';
import {
  BlocksPerDaySchema,
  CouponFiguresSchema,
  FunnelSchema,
  LinksPerDaySchema,
  PointsLiabilitySchema,
  ReachableMembersSchema,
  StoreFiguresSchema,
  type DashboardRange,
} from '../../../../contract/dashboard';
import { apiRequest } from '../../../lib/api-client';

const withRange = (path: string, range: DashboardRange) => `/admin/${path}?${new URLSearchParams(range).toString()}`;

/** One factory per figure, keyed from general to specific: ['admin-dashboard', figure, range]. */
export const dashboardQueries = {
  all: () => ['admin-dashboard'] as const,
  funnel: (range: DashboardRange) =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'funnel', range] as const, queryFn: () => apiRequest(withRange('funnel', range), FunnelSchema) }),
  linksPerDay: (range: DashboardRange) =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'links-per-day', range] as const, queryFn: () => apiRequest(withRange('links-per-day', range), LinksPerDaySchema) }),
  coupons: (range: DashboardRange) =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'coupons', range] as const, queryFn: () => apiRequest(withRange('coupons', range), CouponFiguresSchema) }),
  blocksPerDay: (range: DashboardRange) =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'blocks-per-day', range] as const, queryFn: () => apiRequest(withRange('blocks-per-day', range), BlocksPerDaySchema) }),
  stores: (range: DashboardRange) =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'stores', range] as const, queryFn: () => apiRequest(withRange('stores', range), StoreFiguresSchema) }),
  pointsLiability: () =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'points-liability'] as const, queryFn: () => apiRequest('/admin/points-liability', PointsLiabilitySchema) }),
  reachable: () =>
    queryOptions({ queryKey: [...dashboardQueries.all(), 'reachable'] as const, queryFn: () => apiRequest('/admin/reachable', ReachableMembersSchema) }),
};
