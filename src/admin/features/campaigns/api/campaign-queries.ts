import { queryOptions } from '@tanstack/react-query';
import { CampaignLinksSchema, CampaignListSchema } from '../../../../contract/campaigns';
import { apiRequest } from '../../../lib/api-client';

/** ['admin-campaigns'] → list, and each campaign's link funnel. */
export const campaignQueries = {
  all: () => ['admin-campaigns'] as const,
  list: () => queryOptions({ queryKey: [...campaignQueries.all(), 'list'] as const, queryFn: () => apiRequest('/admin/campaigns', CampaignListSchema) }),
  links: (id: string) =>
    queryOptions({ queryKey: [...campaignQueries.all(), 'links', id] as const, queryFn: () => apiRequest(`/admin/campaigns/${encodeURIComponent(id)}/links`, CampaignLinksSchema) }),
};
