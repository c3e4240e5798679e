import { queryOptions } from '@tanstack/react-query';
import { ProgramRulesSchema } from '../../../../contract/dashboard';
import { apiRequest } from '../../../lib/api-client';

export const programQueries = {
  all: () => ['admin-program'] as const,
  rules: () => queryOptions({ queryKey: [...programQueries.all(), 'rules'] as const, queryFn: () => apiRequest('/admin/program', ProgramRulesSchema), staleTime: Infinity }),
};
