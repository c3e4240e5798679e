import { describe, expect, it } from 'vitest';
import {
  addDaysJst,
  addMonthsJst,
  addMonthsToYearMonth,
  endOfJstDay,
  endOfJstMonth,
  jstDate,
  jstDayKey,
  parseJstDate,
  startOfJstDay,
  startOfJstMonth,
} from './jst';

describe('JST calendar', () => {
  it('23:59:59 JST on 31 March and 00:00 JST on 1 April are different days', () => {
    expect(jstDayKey(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(jstDayKey(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(jstDate(new Date('2026-12-31T15:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it('days and months start at 00:00 JST and end at their last millisecond', () => {
    expect(startOfJstDay({ year: 2026, month: 4, day: 1 }).toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(endOfJstDay({ year: 2026, month: 3, day: 31 }).toISOString()).toBe('2026-03-31T14:59:59.999Z');
    expect(startOfJstMonth(2026, 1).toISOString()).toBe('2025-12-31T15:00:00.000Z');
    expect(endOfJstMonth(2027, 3).toISOString()).toBe('2027-03-31T14:59:59.999Z');
    expect(endOfJstMonth(2028, 2).toISOString()).toBe('2028-02-29T14:59:59.999Z');
    expect(endOfJstMonth(2027, 2).toISOString()).toBe('2027-02-28T14:59:59.999Z');
  });

  it('adding months keeps the day, clamped to the end of shorter months', () => {
    expect(addMonthsJst({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonthsJst({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonthsJst({ year: 2028, month: 2, day: 29 }, -12)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonthsJst({ year: 2026, month: 3, day: 15 }, 12)).toEqual({ year: 2027, month: 3, day: 15 });
    expect(addMonthsToYearMonth({ year: 2026, month: 11 }, 3)).toEqual({ year: 2027, month: 2 });
    expect(addMonthsToYearMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });

  it('adding days crosses month and year ends', () => {
    expect(addDaysJst({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDaysJst({ year: 2026, month: 3, day: 15 }, 90)).toEqual({ year: 2026, month: 6, day: 13 });
  });

  it('only real calendar dates parse', () => {
    expect(parseJstDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseJstDate('2027-02-29')).toBeNull();
    expect(parseJstDate('2026-13-01')).toBeNull();
    expect(parseJstDate('2026-3-1')).toBeNull();
  });
});
