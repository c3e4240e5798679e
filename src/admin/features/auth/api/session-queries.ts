import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { DemoStaffListSchema, StaffMeSchema, type StaffLoginRequest } from '../../../../contract/staff';
import { apiRequest } from '../../../lib/api-client';
import { ApiError } from '../../../../shared/api/request';

/** The dashboard signs in with the clerk console's staff accounts and sessions (/api/staff/session). */
export const sessionQueries = {
  all: () => ['admin-session'] as const,
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'] as const,
      // No session is an answer (show the login page), not an error.
      queryFn: () =>
        apiRequest('/staff/session', StaffMeSchema).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) return null;
          throw error;
        }),
      staleTime: 60_000,
    }),
  demoAccounts: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'demo-accounts'] as const,
      // Only a development BFF has them; anywhere else the list is simply absent.
      queryFn: () => apiRequest('/staff/demo-accounts', DemoStaffListSchema).catch(() => null),
      staleTime: Infinity,
    }),
};

export const logIn = (body: StaffLoginRequest) => apiRequest('/staff/session', StaffMeSchema, { method: 'POST', body });
export const logOut = () => apiRequest('/staff/session', z.null(), { method: 'DELETE' });
