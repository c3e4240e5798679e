import type { Campaign, CampaignLinks, CreateCampaignRequest } from '../../contract/campaigns';
import type { Database } from '../db/database';
import { asDatabase } from '../db/transaction';
import { campaignLastDay, campaignStatus, campaignsOverlap } from '../linking/campaign-window';
import {
  campaignsMeeting,
  endCampaignAt,
  findCampaign,
  insertCampaign,
  listCampaigns as listCampaignRows,
  lockCampaignKind,
  type CampaignRow,
} from '../linking/campaigns.repository';
import { jstDayKey } from '../loyalty/jst';
import { recordAudit } from '../staff/staff.repository';
import type { StaffPrincipal } from '../staff/staff-env';
import { funnelPhases, linkRatio, perDay } from './campaign-funnel';
import { linksPerDay } from './rollup-figures';

/**
 * Incentive campaigns for the admin (#17): create (never overlapping another of its kind), list,
 * end early, and the link funnel around one. Every change, and every refusal, is in the staff
 * audit log like the register's actions.
 */
export type CampaignDeps = { db: Database; clock: () => Date };

export type CreateOutcome = { ok: true; campaign: Campaign } | { ok: false; reason: 'starts_in_past' } | { ok: false; reason: 'overlap'; campaign: Campaign };
export type EndOutcome = { ok: true; campaign: Campaign } | { ok: false; reason: 'not_found' | 'already_over' };

export function toCampaign(row: CampaignRow, granted: number, now: Date): Campaign {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    bonusPoints: row.bonusPoints,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    lastDay: campaignLastDay(row),
    status: campaignStatus(row, now),
    granted,
  };
}

const audit = (db: Database, staff: StaffPrincipal, action: string, result: 'ok' | 'refused', detail: Record<string, unknown>, at: Date) =>
  recordAudit(db, { at, staffId: staff.staffId, username: staff.username, storeId: staff.storeId, action, result, detail });

export async function createCampaign(deps: CampaignDeps, staff: StaffPrincipal, request: CreateCampaignRequest): Promise<CreateOutcome> {
  const now = deps.clock();
  const detail = { kind: request.kind, name: request.name, bonusPoints: request.bonusPoints, startsOn: request.startsOn, endsOn: request.endsOn };
  if (request.startsOn < jstDayKey(now)) {
    await audit(deps.db, staff, 'campaign_create', 'refused', { ...detail, reason: 'starts_in_past' }, now);
    return { ok: false, reason: 'starts_in_past' };
  }
  const outcome = await deps.db.transaction(async (tx): Promise<CreateOutcome> => {
    await lockCampaignKind(tx, request.kind);
    const wanted = { startsOn: request.startsOn, endsOn: request.endsOn, endedAt: null };
    const clash = (await campaignsMeeting(tx, request.kind, request.startsOn, request.endsOn)).find((c) => campaignsOverlap(c, wanted));
    if (clash) return { ok: false, reason: 'overlap', campaign: toCampaign(clash, 0, now) };
    const row = await insertCampaign(tx, { ...request, createdAt: now, createdBy: staff.staffId });
    await audit(asDatabase(tx), staff, 'campaign_create', 'ok', { ...detail, campaignId: row.id }, now);
    return { ok: true, campaign: toCampaign(row, 0, now) };
  });
  if (!outcome.ok && outcome.reason === 'overlap') {
    await audit(deps.db, staff, 'campaign_create', 'refused', { ...detail, reason: 'overlap', overlaps: outcome.campaign.id }, now);
  }
  return outcome;
}

export async function listCampaigns(deps: CampaignDeps): Promise<Campaign[]> {
  const now = deps.clock();
  return (await listCampaignRows(deps.db)).map((row) => toCampaign(row, row.granted, now));
}

export async function endCampaign(deps: CampaignDeps, staff: StaffPrincipal, id: string): Promise<EndOutcome> {
  const now = deps.clock();
  const found = await findCampaign(deps.db, id);
  if (!found) return { ok: false, reason: 'not_found' };
  if (campaignStatus(found, now) === 'over') {
    await audit(deps.db, staff, 'campaign_end', 'refused', { campaignId: id, reason: 'already_over' }, now);
    return { ok: false, reason: 'already_over' };
  }
  const ended = await endCampaignAt(deps.db, id, now);
  if (!ended) return { ok: false, reason: 'already_over' };
  await audit(deps.db, staff, 'campaign_end', 'ok', { campaignId: id, name: ended.name }, now);
  const granted = (await listCampaignRows(deps.db)).find((c) => c.id === id)?.granted ?? 0;
  return { ok: true, campaign: toCampaign(ended, granted, now) };
}

export async function campaignLinks(deps: CampaignDeps, id: string): Promise<CampaignLinks | null> {
  const now = deps.clock();
  const row = (await listCampaignRows(deps.db)).find((c) => c.id === id);
  if (!row) return null;
  const campaign = toCampaign(row, row.granted, now);
  const phases = funnelPhases(campaign, jstDayKey(now));
  const figures = await linksPerDay(deps.db, phases.chart);
  const inPhase = (from: string, to: string, days: number) => figures.days.filter((d) => days > 0 && d.day >= from && d.day <= to);
  const summary = (p: { from: string; to: string; days: number }) => {
    const links = inPhase(p.from, p.to, p.days).reduce((sum, d) => sum + d.links, 0);
    return { from: p.from, to: p.to, days: p.days, links, linksPerDay: perDay(links, p.days) };
  };
  const before = summary(phases.before);
  const during = summary(phases.during);
  const after = phases.after && summary(phases.after);
  const phaseOf = (day: string) => (day < campaign.startsOn ? 'before' : phases.during.days > 0 && day <= phases.during.to ? 'during' : 'after');
  return {
    campaign,
    days: figures.days.map((d) => ({ day: d.day, links: d.links, phase: phaseOf(d.day) })),
    before,
    during,
    after,
    ratio: linkRatio(before, during),
  };
}
