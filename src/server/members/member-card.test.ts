import { describe, expect, it } from 'vitest';
import { defaultProgramConfig } from '../loyalty/program-config';
import { toMemberCard, type CardLedgerFigures } from './member-card';

const figuresAt = (tierId: string): CardLedgerFigures => ({
  pointsBalance: 10,
  soonestExpiry: null,
  tier: { current: { id: tierId, name: tierId, minSpendYen: 0 }, next: null, spendYen: 0, gapYen: 0, ratio: 1 },
  stamps: { count: 0, cardSize: 10 },
  usableCouponCount: 0,
});

describe('the member card’s face', () => {
  const member = { memberNumber: '2900000000100', displayName: null };

  it('is the tier’s own face where the brand gave it one, else the brand’s default', () => {
    const program = defaultProgramConfig;
    const reine = toMemberCard(program, member, figuresAt('REINE'));
    const regular = toMemberCard(program, member, figuresAt('REGULAR'));
    expect(reine.face).toEqual(program.brand.tierFaces.REINE);
    expect(regular.face).toEqual(program.brand.face);
    expect(reine.logo).toBeNull();
  });
});
