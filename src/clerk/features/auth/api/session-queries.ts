import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { DemoStaffListSchema, StaffMeSchema, type StaffLoginRequest } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';
import { ApiError } from '../../../../shared/api/request';

export const sessionQueries = {
  all: () => ['staff-session'] as const,
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'] as const,
      // No session is an answer (show the login page), not an error.
      queryFn: () =>
        staffRequest('/session', StaffMeSchema).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) return null;
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
