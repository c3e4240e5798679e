import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { DemoStaffListSchema, StaffMeSchema, type StaffLoginRequest } from '../../../../contract/staff';
import { StaffApiError, staffRequest } from '../../../lib/api-client';

export const sessionQueries = {
  all: () => ['staff-session'] as const,
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'] as const,
      // No session is an answer (show the login page), not an error.
      queryFn: () =>
        staffRequest('/session', StaffMeSchema).catch((error: unknown) => {
          if (error instanceof StaffApiError && error.status === 401) return null;
          throw error;
        }),
      staleTime: 60_000,
    }),
  demoAccounts: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'demo-accounts'] as const,
      // Only a development BFF has them; anywhere else the list is simply absent.
      queryFn: () => staffRequest('/demo-accounts', DemoStaffListSchema).catch(() => null),
      staleTime: Infinity,
    }),
};

export const logIn = (body: StaffLoginRequest) => staffRequest('/session', StaffMeSchema, { method: 'POST', body });
export const logOut = () => staffRequest('/session', z.null(), { method: 'DELETE' });
