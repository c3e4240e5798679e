import { addDaysJst, formatJstDate, jstDate, parseJstDate, startOfJstDay } from '../loyalty/jst';

/**
 * When an incentive campaign is in effect (pure rules, #17). A campaign covers its JST days
 * `startsOn` 00:00 to the end of `endsOn`, cut short at `endedAt` when an admin ended it earlier:
 * the window is [start, end). Ending one that has not begun leaves it an empty window.
 */
export type CampaignDates = { startsOn: string; endsOn: string; endedAt: Date | null };

const day = (text: string) => {
  const parsed = parseJstDate(text);
  if (!parsed) throw new Error(`not a JST day: ${text}`);
  return parsed;
};

export function campaignWindow(c: CampaignDates): { start: Date; end: Date } {
  const start = startOfJstDay(day(c.startsOn));
  const planned = startOfJstDay(addDaysJst(day(c.endsOn), 1));
  const end = c.endedAt && c.endedAt < planned ? c.endedAt : planned;
  return { start, end: end < start ? start : end };
}

export function isCampaignRunning(c: CampaignDates, now: Date): boolean {
  const { start, end } = campaignWindow(c);
  return start <= now && now < end;
}

export function campaignStatus(c: CampaignDates, now: Date): 'scheduled' | 'running' | 'over' {
  const { start, end } = campaignWindow(c);
  if (now >= end || (c.endedAt && c.endedAt <= now)) return 'over';
  return now < start ? 'scheduled' : 'running';
}

/** Two windows share an instant. An empty window (ended before it began) shares none. */
export function campaignsOverlap(a: CampaignDates, b: CampaignDates): boolean {
  const x = campaignWindow(a);
  const y = campaignWindow(b);
  return x.start < x.end && y.start < y.end && x.start < y.end && y.start < x.end;
}

/** The last JST day the campaign was in effect: `endsOn`, the day it was ended, or the day before it began when ended before. */
export function campaignLastDay(c: CampaignDates): string {
  const { start, end } = campaignWindow(c);
  if (end <= start) return formatJstDate(addDaysJst(day(c.startsOn), -1));
  return formatJstDate(jstDate(new Date(end.getTime() - 1)));
}
