import { describe, expect, it } from 'vitest';
import { addDays, addMonths, todayJst } from './jst-days';

describe('JST days', () => {
  it('takes today in Tokyo, not in the machine zone', () => {
    expect(todayJst(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });
  it('adds days across months and months with clamping to the month end', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
  });
});
