import { describe, expect, it } from 'vitest';
import { expiryUrgency } from './expiry-urgency';

describe('expiry urgency', () => {
  const now = new Date('2026-12-01T03:00:00Z'); // 12:00 JST, 1 December

  it('is this-month for points lost at the end of this JST month, however many days are left', () => {
    expect(expiryUrgency(new Date('2026-12-31T14:59:59.999Z'), now)).toBe('this-month');
  });

  it('counts the month in Tokyo: 23:30 JST on 30 November is still last month, 00:30 JST on 1 January is next', () => {
    const lateNovember = new Date('2026-11-30T14:30:00Z'); // 23:30 JST 30 Nov
    expect(expiryUrgency(new Date('2026-11-30T14:59:59.999Z'), lateNovember)).toBe('this-month');
    expect(expiryUrgency(new Date('2026-12-31T15:30:00Z'), now)).toBe('soon'); // 00:30 JST 1 Jan
  });

  it('is soon for next month, later beyond', () => {
    expect(expiryUrgency(new Date('2027-01-31T14:59:59.999Z'), now)).toBe('soon');
    expect(expiryUrgency(new Date('2027-02-28T14:59:59.999Z'), now)).toBe('later');
  });

  it('treats points already past their date (a stale card) as this-month', () => {
    expect(expiryUrgency(new Date('2026-11-30T14:59:59.999Z'), now)).toBe('this-month');
  });
});
