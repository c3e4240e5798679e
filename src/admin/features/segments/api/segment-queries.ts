import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import {
  PreviewSchema,
  SegmentCountSchema,
  SegmentListSchema,
  SegmentOptionsSchema,
  SegmentSchema,
  SendCreatedSchema,
  SendListSchema,
  SendReportSchema,
  type PreviewRequest,
  type SegmentFilter,
  type SegmentInput,
  type SendRequest,
} from '../../../../contract/segments';
import { apiRequest } from '../../../lib/api-client';

/** Segments and sends (/api/admin/segments, /api/admin/sends): one key hierarchy for queries and invalidation. */
export const segmentQueries = {
  all: () => ['admin-segments'] as const,
  list: () => queryOptions({ queryKey: [...segmentQueries.all(), 'list'] as const, queryFn: () => apiRequest('/admin/segments', SegmentListSchema) }),
  options: () => queryOptions({ queryKey: [...segmentQueries.all(), 'options'] as const, queryFn: () => apiRequest('/admin/segments/options', SegmentOptionsSchema), staleTime: Infinity }),
  count: (filter: SegmentFilter) =>
    queryOptions({
      queryKey: [...segmentQueries.all(), 'count', filter] as const,
      queryFn: () => apiRequest('/admin/segments/count', SegmentCountSchema, { method: 'POST', body: { filter } }),
      staleTime: 30_000,
    }),
  preview: (request: PreviewRequest) =>
    queryOptions({
      queryKey: [...segmentQueries.all(), 'preview', request] as const,
      queryFn: () => apiRequest('/admin/sends/preview', PreviewSchema, { method: 'POST', body: request }),
    }),
};

export const sendQueries = {
  all: () => ['admin-sends'] as const,
  list: () => queryOptions({ queryKey: [...sendQueries.all(), 'list'] as const, queryFn: () => apiRequest('/admin/sends', SendListSchema), refetchInterval: 5_000 }),
  report: (id: string) => queryOptions({ queryKey: [...sendQueries.all(), 'report', id] as const, queryFn: () => apiRequest(`/admin/sends/${id}`, SendReportSchema), refetchInterval: 5_000 }),
};

export const saveSegment = (input: SegmentInput, id?: string) =>
  apiRequest(id ? `/admin/segments/${id}` : '/admin/segments', SegmentSchema, { method: id ? 'PUT' : 'POST', body: input });

export const createSend = (request: SendRequest) => apiRequest('/admin/sends', SendCreatedSchema, { method: 'POST', body: request });

/** 204 No Content. */
const Empty = z.null();
export const deleteSegment = (id: string) => apiRequest(`/admin/segments/${id}`, Empty, { method: 'DELETE' });
export const cancelSend = (id: string) => apiRequest(`/admin/sends/${id}/cancel`, Empty, { method: 'POST' });
export const sendNow = (id: string) => apiRequest(`/admin/sends/${id}/send-now`, Empty, { method: 'POST' });
