import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { StaffMemberViewSchema } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const memberQueries = {
  all: () => ['staff-member'] as const,
  /** The member behind a scanned code; refreshed after every action on them. */
  byCode: (code: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(), code] as const,
      queryFn: () => staffRequest('/member-lookups', StaffMemberViewSchema, { method: 'POST', body: { code } }),
      staleTime: 0,
      retry: false,
      // After a purchase the refetch may find a rotating code already expired: keep showing the member.
      placeholderData: keepPreviousData,
    }),
};
