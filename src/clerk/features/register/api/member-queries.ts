import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { StaffMemberViewSchema, type StaffMemberView } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const memberQueries = {
  all: () => ['staff-member'] as const,
  /**
   * The member behind a scanned code; refreshed after every action on them. Scanning a rotating code
   * uses it up and opens the checkout, so a refresh asks by that checkout, never by the code again.
   */
  byCode: (code: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(), code] as const,
      queryFn: ({ client, queryKey }) => {
        const checkout = client.getQueryData<StaffMemberView>(queryKey)?.checkout;
        const body = checkout ? { checkout: checkout.id } : { code };
        return staffRequest('/member-lookups', StaffMemberViewSchema, { method: 'POST', body });
      },
      staleTime: 0,
      retry: false,
      // A refresh after the checkout ended is refused: keep showing the member (the next action says why).
      placeholderData: keepPreviousData,
    }),
};

/** Who an action is for: the checkout the scan opened, else the scanned code. */
export function memberReference(member: StaffMemberView): { checkout: string } | { memberCode: string } {
  return member.checkout ? { checkout: member.checkout.id } : { memberCode: member.memberCode };
}
