import { Hono } from 'hono';
import { CreateCampaignRequestSchema, type CampaignList } from '../../contract/campaigns';
import type { Database } from '../db/database';
import { HttpError, jsonBody } from '../http/http-error';
import { requireRole, requireStaff } from '../staff/require-staff';
import type { StaffEnv } from '../staff/staff-env';
import type { StaffSessionCodec } from '../staff/staff-session';
import { campaignLinks, createCampaign, endCampaign, listCampaigns } from './campaigns.service';

export type CampaignRoutesDeps = { db: Database; clock: () => Date; staffSessions: StaffSessionCodec };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const campaignId = (id: string) => {
  if (!UUID.test(id)) throw new HttpError(404, 'campaign_not_found', 'No such campaign.');
  return id;
};

/** /api/admin/campaigns (#17): link campaigns with a bonus, for admins only. */
export function campaignRoutes(deps: CampaignRoutesDeps) {
  return new Hono<StaffEnv>()
    .use('*', requireStaff(deps))
    .use('*', requireRole('admin'))
    .get('/', async (c) => c.json({ campaigns: await listCampaigns(deps) } satisfies CampaignList))
    .post('/', jsonBody(CreateCampaignRequestSchema), async (c) => {
      const outcome = await createCampaign(deps, c.get('staff'), c.req.valid('json'));
      if (outcome.ok) return c.json(outcome.campaign, 201);
      if (outcome.reason === 'starts_in_past') throw new HttpError(422, 'campaign_starts_in_past', 'A campaign starts today or later.', { startsOn: 'Today or later' });
      throw new HttpError(409, 'campaign_overlap', `Another ${outcome.campaign.kind} campaign, 「${outcome.campaign.name}」 (${outcome.campaign.startsOn}..${outcome.campaign.lastDay}), covers some of these days.`);
    })
    .post('/:id/end', async (c) => {
      const outcome = await endCampaign(deps, c.get('staff'), campaignId(c.req.param('id')));
      if (outcome.ok) return c.json(outcome.campaign);
      if (outcome.reason === 'not_found') throw new HttpError(404, 'campaign_not_found', 'No such campaign.');
      throw new HttpError(409, 'campaign_already_over', 'This campaign is already over.');
    })
    .get('/:id/links', async (c) => {
      const links = await campaignLinks(deps, campaignId(c.req.param('id')));
      if (!links) throw new HttpError(404, 'campaign_not_found', 'No such campaign.');
      return c.json(links);
    });
}
