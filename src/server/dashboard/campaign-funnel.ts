import { addDaysJst, formatJstDate, parseJstDate } from '../loyalty/jst';

/**
 * The link funnel around a campaign (pure, #17): as many days before it as it lasted, its own
 * days, and as many after; none later than today. The ratio compares links per day during with
 * before.
 */
export type Phase = { from: string; to: string; days: number };
export type FunnelPhases = { before: Phase; during: Phase; after: Phase | null; chart: { from: string; to: string } };

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const shift = (day: string, days: number) => formatJstDate(addDaysJst(parseJstDate(day)!, days));
const earlier = (a: string, b: string) => (a < b ? a : b);
const span = (from: string, to: string) => Math.max(0, dayNumber(to) - dayNumber(from) + 1);

export function funnelPhases(c: { startsOn: string; lastDay: string }, today: string): FunnelPhases {
  const length = Math.max(1, span(c.startsOn, c.lastDay));
  const phase = (from: string, to: string): Phase => {
    const until = earlier(to, today);
    return { from, to: until < from ? from : until, days: span(from, until) };
  };
  const before = phase(shift(c.startsOn, -length), shift(c.startsOn, -1));
  const during = phase(c.startsOn, c.lastDay < c.startsOn ? shift(c.startsOn, -1) : c.lastDay);
  const afterFrom = shift(c.lastDay < c.startsOn ? shift(c.startsOn, -1) : c.lastDay, 1);
  const after = afterFrom > today ? null : phase(afterFrom, shift(afterFrom, length - 1));
  const last = after ? after.to : during.days > 0 ? during.to : before.days > 0 ? before.to : before.from;
  return { before, during, after, chart: { from: before.from, to: last } };
}

export function perDay(links: number, days: number): number {
  return days === 0 ? 0 : links / days;
}

/** Links per day during ÷ before; null without a before to compare with or without a day during. */
export function linkRatio(before: { links: number; days: number }, during: { links: number; days: number }): number | null {
  if (before.links === 0 || before.days === 0 || during.days === 0) return null;
  return perDay(during.links, during.days) / perDay(before.links, before.days);
}
