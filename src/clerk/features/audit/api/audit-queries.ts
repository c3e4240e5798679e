import { queryOptions } from '@tanstack/react-query';
import { AuditLogSchema } from '../../../../contract/staff';
import { staffRequest } from '../../../lib/api-client';

export const auditQueries = {
  all: () => ['staff-audit'] as const,
  recent: () => queryOptions({ queryKey: [...auditQueries.all(), 'recent'] as const, queryFn: () => staffRequest('/audit', AuditLogSchema) }),
};
