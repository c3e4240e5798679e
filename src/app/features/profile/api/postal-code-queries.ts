import { queryOptions } from '@tanstack/react-query';
import { PostalCodeLookupSchema } from '../../../../contract/postal-code';
import { apiRequest } from '../../../lib/api-client';

/** GET /api/postal-codes/:code (7 digits). A code's address does not change while the form is open. */
export const postalCodeQueries = {
  all: () => ['postal-codes'] as const,
  lookup: (postalCode: string) =>
    queryOptions({
      queryKey: [...postalCodeQueries.all(), postalCode] as const,
      queryFn: () => apiRequest(`/api/postal-codes/${postalCode}`, PostalCodeLookupSchema),
      staleTime: Infinity,
      retry: false,
    }),
};
