import { z } from 'zod/mini';
import { JstDaySchema } from './dashboard';
import { text } from './text';

/**
 * Incentive campaigns (/api/admin/campaigns, admins only): for a window of JST days, a member who
 * links a CRM membership gets the campaign's bonus points on top of the programme's link incentive.
 */

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const isCalendarDay = (day: string) => !Number.isNaN(dayNumber(day)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** The longest window one campaign may have. */
export const MAX_CAMPAIGN_DAYS = 92;

export const CampaignKindSchema = z.enum(['link_bonus']);
export type CampaignKind = z.infer<typeof CampaignKindSchema>;

export const CreateCampaignRequestSchema = z
  .object({
    kind: CampaignKindSchema,
    name: text().check(z.minLength(1, 'Give the campaign a name'), z.maxLength(80, 'At most 80 characters')),
    bonusPoints: z.number().check(z.int('Whole points'), z.minimum(1, 'At least 1 point'), z.maximum(10_000, 'At most 10,000 points')),
    startsOn: JstDaySchema,
    endsOn: JstDaySchema,
  })
  .check(
    z.refine((c) => isCalendarDay(c.startsOn), { message: 'Not a calendar day', path: ['startsOn'] }),
    z.refine((c) => isCalendarDay(c.endsOn), { message: 'Not a calendar day', path: ['endsOn'] }),
    z.refine((c) => c.startsOn <= c.endsOn, { message: 'The last day must not be before the first', path: ['endsOn'] }),
    z.refine((c) => dayNumber(c.endsOn) - dayNumber(c.startsOn) < MAX_CAMPAIGN_DAYS, { message: `At most ${MAX_CAMPAIGN_DAYS} days`, path: ['endsOn'] }),
  );
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequestSchema>;

export const CampaignSchema = z.object({
  id: text(),
  kind: CampaignKindSchema,
  name: text(),
  bonusPoints: z.number(),
  startsOn: JstDaySchema,
  /** The last day planned. */
  endsOn: JstDaySchema,
  /** When an admin ended it early (ISO instant), else null. */
  endedAt: z.nullable(text()),
  /** Its last JST day in effect: `endsOn`, or the day it was ended. */
  lastDay: JstDaySchema,
  status: z.enum(['scheduled', 'running', 'over']),
  /** Bonuses granted so far. */
  granted: z.number(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const CampaignListSchema = z.object({ campaigns: z.array(CampaignSchema) });
export type CampaignList = z.infer<typeof CampaignListSchema>;

const phaseFigures = z.object({ from: JstDaySchema, to: JstDaySchema, days: z.number(), links: z.number(), linksPerDay: z.number() });

/** Links per JST day before, during and after the window (the same number of days each, up to yesterday or today). */
export const CampaignLinksSchema = z.object({
  campaign: CampaignSchema,
  days: z.array(z.object({ day: JstDaySchema, links: z.number(), phase: z.enum(['before', 'during', 'after']) })),
  before: phaseFigures,
  during: phaseFigures,
  after: z.nullable(phaseFigures),
  /** Links per day during ÷ before; null when there were none before. */
  ratio: z.nullable(z.number()),
});
export type CampaignLinks = z.infer<typeof CampaignLinksSchema>;
