/**
 * Calendar maths in Asia/Tokyo. JST is UTC+9 all year (Japan has no daylight saving time),
 * so an instant shifted by +9 h and read with the UTC getters gives the JST wall clock.
 *
 * Conventions used across the loyalty domain:
 * - an instant is a `Date`; a calendar day is a `JstDate` ({ year, month 1–12, day });
 * - ends are *inclusive last milliseconds*: `endOfJstDay(31 Mar)` is 23:59:59.999 JST on 31 Mar.
 *   That instant formats to the right date in the UI ("3/31 まで"), whereas an exclusive end
 *   (00:00 on 1 Apr) would show the wrong day to anyone who formats it naively.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface JstDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface JstYearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

/** The JST calendar day an instant falls on. */
export function jstDate(instant: Date): JstDate {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 'YYYY-MM-DD' of the JST day an instant falls on; such keys sort like the days they name. */
export function jstDayKey(instant: Date): string {
  return formatJstDate(jstDate(instant));
}

export function formatJstDate({ year, month, day }: JstDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses a real calendar date 'YYYY-MM-DD'; null for anything else (e.g. '2027-02-29'). */
export function parseJstDate(text: string): JstDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 00:00:00.000 JST on the given day. */
export function startOfJstDay({ year, month, day }: JstDate): Date {
  return new Date(Date.UTC(year, month - 1, day) - JST_OFFSET_MS);
}

/** 23:59:59.999 JST on the given day (inclusive end). */
export function endOfJstDay(date: JstDate): Date {
  return new Date(startOfJstDay(date).getTime() + DAY_MS - 1);
}

/** 00:00:00.000 JST on the 1st of the month. */
export function startOfJstMonth(year: number, month: number): Date {
  return startOfJstDay({ year, month, day: 1 });
}

/** 23:59:59.999 JST on the last day of the month (inclusive end). */
export function endOfJstMonth(year: number, month: number): Date {
  return endOfJstDay({ year, month, day: daysInMonth(year, month) });
}

/** Calendar month arithmetic; `months` may be negative. */
export function addMonthsToYearMonth({ year, month }: JstYearMonth, months: number): JstYearMonth {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** Same day `months` later (or earlier); a day the target month lacks clamps to its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonthsJst(date: JstDate, months: number): JstDate {
  const target = addMonthsToYearMonth(date, months);
  return { ...target, day: Math.min(date.day, daysInMonth(target.year, target.month)) };
}

export function addDaysJst(date: JstDate, days: number): JstDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
