import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CampaignSchema, type CreateCampaignRequest } from '../../../../contract/campaigns';
import { apiRequest } from '../../../lib/api-client';
import { campaignQueries } from './campaign-queries';

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignRequest) => apiRequest('/admin/campaigns', CampaignSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignQueries.all() }),
  });
}

export function useEndCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/admin/campaigns/${encodeURIComponent(id)}/end`, CampaignSchema, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignQueries.all() }),
  });
}
