import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { DemoStaffListSchema, StaffMeSchema, type StaffLoginRequest } from '../../contract/staff';
import { ApiError, request } from '../../shared/api/request';

/** The clerk console and the dashboard sign in with the same staff accounts and sessions (/api/staff/session). */
export const staffSessionQueries = {
  all: () => ['staff-session'] as const,
  me: () =>
    queryOptions({
      queryKey: [...staffSessionQueries.all(), 'me'] as const,
      // No session is an answer (show the login page), not an error.
      queryFn: () =>
        request('/api/staff/session', StaffMeSchema).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) return null;
          throw error;
        }),
      staleTime: 60_000,
    }),
  demoAccounts: () =>
    queryOptions({
      queryKey: [...staffSessionQueries.all(), 'demo-accounts'] as const,
      // Only a development BFF has them; anywhere else the list is simply absent.
      queryFn: () => request('/api/staff/demo-accounts', DemoStaffListSchema).catch(() => null),
      staleTime: Infinity,
    }),
};

export const logIn = (body: StaffLoginRequest) => request('/api/staff/session', StaffMeSchema, { method: 'POST', body });
export const logOut = () => request('/api/staff/session', z.null(), { method: 'DELETE' });
