import { describe, expect, it } from 'vitest';
import { lotExpiresAt, pointsForPurchase, refreshExpiryAfterPurchase } from './earning';
import { emptyLedger, grantPoints } from './ledger';
import { defaultProgramConfig, parseProgramConfig, type ProgramConfig } from './program-config';

const config = defaultProgramConfig; // REGULAR 1 pt / ¥100, REINE 3 pt / ¥100
const withExpiry = (pointExpiry: ProgramConfig['pointExpiry']): ProgramConfig => ({ ...config, pointExpiry });

describe('points for a purchase', () => {
  it('are floored once per purchase at the tier rate', () => {
    expect(pointsForPurchase(1_999, 'REGULAR', config)).toBe(19);
    expect(pointsForPurchase(1_999, 'REINE', config)).toBe(59);
    expect(pointsForPurchase(99, 'REGULAR', config)).toBe(0);
    expect(pointsForPurchase(0, 'REINE', config)).toBe(0);
  });

  it('fractional rates are computed in integers, without floating-point drift', () => {
    const lowRate = { tiers: [{ id: 'T', name: 'T', minSpendYen: 0, pointsPer100Yen: 0.29 }] };
    expect(pointsForPurchase(10_000, 'T', lowRate)).toBe(29);
    expect(pointsForPurchase(999, 'T', { tiers: [{ id: 'T', name: 'T', minSpendYen: 0, pointsPer100Yen: 1.5 }] })).toBe(14);
  });

  it('rates with more than two decimals are rejected by the config', () => {
    const tiers = [{ id: 'REGULAR', name: 'R', minSpendYen: 0, pointsPer100Yen: 1.005 }];
    expect(() => parseProgramConfig({ ...config, tiers })).toThrow(/at most two decimals/);
  });
});

describe('lot expiry, end of month policy', () => {
  const twelveMonths = withExpiry({ policy: 'lot-end-of-month', months: 12 });

  it('points earned on 15 March 2026 expire at the end of 31 March 2027 JST', () => {
    expect(lotExpiresAt(new Date('2026-03-15T03:00:00Z'), twelveMonths).toISOString()).toBe('2027-03-31T14:59:59.999Z');
  });

  it('the earn month is the JST month: 23:59:59 on 31 March is March, 00:00 on 1 April is April', () => {
    expect(lotExpiresAt(new Date('2026-03-31T14:59:59Z'), twelveMonths).toISOString()).toBe('2027-03-31T14:59:59.999Z');
    expect(lotExpiresAt(new Date('2026-03-31T15:00:00Z'), twelveMonths).toISOString()).toBe('2027-04-30T14:59:59.999Z');
  });

  it('points earned on 31 January expire at the end of the month N months later, whatever its length', () => {
    const earned = new Date('2026-01-31T03:00:00Z');
    expect(lotExpiresAt(earned, withExpiry({ policy: 'lot-end-of-month', months: 1 })).toISOString()).toBe('2026-02-28T14:59:59.999Z');
    expect(lotExpiresAt(new Date('2027-01-31T03:00:00Z'), withExpiry({ policy: 'lot-end-of-month', months: 13 })).toISOString()).toBe(
      '2028-02-29T14:59:59.999Z',
    );
  });
});

describe('lot expiry, since last purchase policy', () => {
  const sixMonths = withExpiry({ policy: 'since-last-purchase', months: 6 });

  it('points expire at the end of the JST day N months after the purchase, clamped to the month end', () => {
    expect(lotExpiresAt(new Date('2026-03-15T03:00:00Z'), sixMonths).toISOString()).toBe('2026-09-15T14:59:59.999Z');
    const oneMonth = withExpiry({ policy: 'since-last-purchase', months: 1 });
    expect(lotExpiresAt(new Date('2026-01-31T03:00:00Z'), oneMonth).toISOString()).toBe('2026-02-28T14:59:59.999Z');
  });

  it('a purchase carries every live lot out to the new expiry', () => {
    const earnedAt = new Date('2026-01-10T03:00:00Z');
    const state = grantPoints(emptyLedger, { key: 'a', kind: 'earn', points: 10, at: earnedAt, expiresAt: lotExpiresAt(earnedAt, sixMonths) }).state;
    const purchasedAt = new Date('2026-03-15T03:00:00Z');

    const outcome = refreshExpiryAfterPurchase(state, purchasedAt, purchasedAt, sixMonths);

    expect(outcome.added.lots).toMatchObject([{ id: 'lot:a', expiresAt: new Date('2026-09-15T14:59:59.999Z') }]);
  });

  it('under the end of month policy a purchase leaves other lots alone', () => {
    const state = grantPoints(emptyLedger, { key: 'a', kind: 'earn', points: 10, at: new Date(0), expiresAt: new Date('2026-04-30T14:59:59.999Z') }).state;
    const outcome = refreshExpiryAfterPurchase(state, new Date('2026-03-15T03:00:00Z'), new Date('2026-03-15T03:00:00Z'), config);
    expect(outcome.state).toBe(state);
    expect(outcome.added).toEqual({ entries: [], lots: [] });
  });
});
