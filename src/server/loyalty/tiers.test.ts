import { describe, expect, it } from 'vitest';
import { defaultProgramConfig } from './program-config';
import { qualifyingSpend, tierFor, tierProgress, tierWindowStart, type QualifyingPurchase } from './tiers';

const config = defaultProgramConfig; // REGULAR from ¥0, REINE from ¥50,000, trailing 12 months
const purchase = (amountYen: number, iso: string, voidedAt: Date | null = null): QualifyingPurchase => ({
  amountYen,
  purchasedAt: new Date(iso),
  voidedAt,
});

describe('qualifying spend', () => {
  const now = new Date('2026-03-15T03:00:00Z'); // 15 March 2026, 12:00 JST

  it('the window opens at 00:00 JST on the same calendar day twelve months earlier', () => {
    expect(tierWindowStart(now, config).toISOString()).toBe('2025-03-14T15:00:00.000Z');
  });

  it('counts purchases from the first instant of the window up to now, and nothing outside it', () => {
    const purchases = [
      purchase(1_000, '2025-03-14T14:59:59.999Z'), // 23:59:59.999 JST on 14 Mar 2025: outside
      purchase(2_000, '2025-03-14T15:00:00Z'), // 00:00 JST on 15 Mar 2025: inside
      purchase(4_000, '2026-03-15T03:00:00Z'), // exactly now: inside
      purchase(8_000, '2026-03-15T03:00:00.001Z'), // after now: not yet
    ];
    expect(qualifyingSpend(purchases, now, config)).toBe(6_000);
  });

  it('voided purchases do not count', () => {
    const purchases = [purchase(30_000, '2026-01-10T03:00:00Z'), purchase(20_000, '2026-02-10T03:00:00Z', new Date('2026-02-11T00:00:00Z'))];
    expect(qualifyingSpend(purchases, now, config)).toBe(30_000);
  });

  it('the tier drops once the spend that earned it leaves the window', () => {
    const purchases = [purchase(50_000, '2025-03-20T03:00:00Z')];
    expect(tierFor(qualifyingSpend(purchases, new Date('2026-03-20T03:00:00Z'), config), config).id).toBe('REINE');
    expect(tierFor(qualifyingSpend(purchases, new Date('2026-03-20T15:00:00Z'), config), config).id).toBe('REGULAR');
  });
});

describe('tier for a spend', () => {
  it('exactly ¥50,000 is REINE and ¥49,999 is not', () => {
    expect(tierFor(50_000, config).id).toBe('REINE');
    expect(tierFor(49_999, config).id).toBe('REGULAR');
    expect(tierFor(0, config).id).toBe('REGULAR');
  });
});

describe('tier progress', () => {
  it('¥47,000 is ¥3,000 short of REINE, 94% of the way', () => {
    expect(tierProgress(47_000, config)).toMatchObject({ current: { id: 'REGULAR' }, next: { id: 'REINE' }, spendYen: 47_000, gapYen: 3_000, ratio: 0.94 });
  });

  it('¥49,999 is ¥1 short; ¥50,000 reaches the top with no next tier', () => {
    expect(tierProgress(49_999, config)).toMatchObject({ next: { id: 'REINE' }, gapYen: 1 });
    expect(tierProgress(50_000, config)).toMatchObject({ current: { id: 'REINE' }, next: null, gapYen: 0, ratio: 1 });
  });

  it('progress is measured from the current tier threshold to the next one', () => {
    const threeTiers = {
      tiers: [
        { id: 'A', name: 'A', minSpendYen: 0, pointsPer100Yen: 1 },
        { id: 'B', name: 'B', minSpendYen: 10_000, pointsPer100Yen: 2 },
        { id: 'C', name: 'C', minSpendYen: 30_000, pointsPer100Yen: 3 },
      ],
    };
    expect(tierProgress(20_000, threeTiers)).toMatchObject({ current: { id: 'B' }, next: { id: 'C' }, gapYen: 10_000, ratio: 0.5 });
  });
});
