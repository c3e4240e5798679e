import { z } from 'zod/mini';
import type { ReportFriendshipRequest } from '../../../../contract/line-friendship';
import { apiRequest } from '../../../lib/api-client';

/** Tells the BFF what getFriendship() said, so the dashboard knows whom messages can reach. */
export function reportFriendship(body: ReportFriendshipRequest) {
  return apiRequest('/api/me/line-friendship', z.null(), { method: 'POST', body });
}
