import { queryOptions } from '@tanstack/react-query';
import { PurchasePreviewSchema } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const purchaseQueries = {
  all: () => ['staff-purchase'] as const,
  /** A purchase of the clerk's store by receipt: what a void would undo. Always read afresh. */
  byReceipt: (receiptId: string) =>
    queryOptions({
      queryKey: [...purchaseQueries.all(), receiptId] as const,
      queryFn: () => staffRequest(`/purchases/${encodeURIComponent(receiptId)}`, PurchasePreviewSchema),
      staleTime: 0,
      gcTime: 0,
      retry: false,
    }),
};
