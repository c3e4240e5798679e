import { describe, expect, it } from 'vitest';
import { defaultProgramConfig } from '../loyalty/program-config';
import { memberCardOf, type CardLedgerSummary } from './member-card';

const summaryAt = (tierId: string): CardLedgerSummary => ({
  pointsBalance: 10,
  soonestExpiry: null,
  tier: { current: { id: tierId, name: tierId, minSpendYen: 0 }, next: null, spendYen: 0, gapYen: 0, ratio: 1 },
  stamps: { count: 0, cardSize: 10 },
  usableCoupons: [],
});

describe('the member card’s face', () => {
  const member = { id: 'm1', memberNumber: '2900000000100', displayName: null };

  it('is the tier’s own face where the brand gave it one, else the brand’s default', async () => {
    const program = defaultProgramConfig;
    const reine = await memberCardOf({ program, loyalty: { memberSummary: async () => summaryAt('REINE') } }, member);
    const regular = await memberCardOf({ program, loyalty: { memberSummary: async () => summaryAt('REGULAR') } }, member);
    expect(reine.face).toEqual(program.brand.tierFaces.REINE);
    expect(regular.face).toEqual(program.brand.face);
    expect(reine.logo).toBeNull();
  });
});
