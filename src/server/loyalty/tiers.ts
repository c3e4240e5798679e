/**
 * Tiers from qualifying spend. Rules as implemented:
 *
 * - Window (`tierWindow.months` = N): a purchase qualifies when it is not voided and
 *   start ≤ purchasedAt ≤ now, where start = 00:00 JST on the JST calendar day N months before
 *   today's JST day (clamped to the month's end: 29 Feb 2028 − 12 months → 28 Feb 2027).
 *   On 2026-03-15 JST with N = 12 the window is 2025-03-15 00:00 JST .. now, both ends inclusive.
 *   Purchases dated after `now` do not count yet.
 * - The tier is the highest one whose `minSpendYen` ≤ spend (exactly ¥50,000 is REINE).
 * - The tier is recomputed from purchases every time it is needed, never stored: when old
 *   purchases leave the window the member drops a tier with no job or event involved.
 * - Progress: gap = next.minSpendYen − spend; ratio = (spend − current.min) / (next.min − current.min),
 *   clamped to 0..1; at the top tier next is null, gap 0 and ratio 1.
 */
import { addMonthsJst, jstDate, startOfJstDay } from './jst';
import type { ProgramConfig } from './program-config';

export type ProgramTier = ProgramConfig['tiers'][number];

export interface QualifyingPurchase {
  amountYen: number;
  purchasedAt: Date;
  voidedAt: Date | null;
}

export interface TierProgress {
  current: ProgramTier;
  next: ProgramTier | null;
  spendYen: number;
  gapYen: number;
  ratio: number;
}

/** First instant of the tier window ending at `now`. */
export function tierWindowStart(now: Date, config: Pick<ProgramConfig, 'tierWindow'>): Date {
  return startOfJstDay(addMonthsJst(jstDate(now), -config.tierWindow.months));
}

export function qualifyingSpend(
  purchases: readonly QualifyingPurchase[],
  now: Date,
  config: Pick<ProgramConfig, 'tierWindow'>,
): number {
  const from = tierWindowStart(now, config).getTime();
  const to = now.getTime();
  return purchases
    .filter((p) => p.voidedAt === null && p.purchasedAt.getTime() >= from && p.purchasedAt.getTime() <= to)
    .reduce((sum, p) => sum + p.amountYen, 0);
}

export function tierFor(spendYen: number, config: Pick<ProgramConfig, 'tiers'>): ProgramTier {
  return tierIndexFor(spendYen, config.tiers).tier;
}

export function tierProgress(spendYen: number, config: Pick<ProgramConfig, 'tiers'>): TierProgress {
  const { tier: current, index } = tierIndexFor(spendYen, config.tiers);
  const next = config.tiers[index + 1] ?? null;
  if (!next) return { current, next: null, spendYen, gapYen: 0, ratio: 1 };

  const ratio = (spendYen - current.minSpendYen) / (next.minSpendYen - current.minSpendYen);
  return { current, next, spendYen, gapYen: next.minSpendYen - spendYen, ratio: Math.min(1, Math.max(0, ratio)) };
}

function tierIndexFor(spendYen: number, tiers: readonly ProgramTier[]): { tier: ProgramTier; index: number } {
  // The config guarantees ascending thresholds starting at ¥0, so the first tier always matches.
  let index = 0;
  tiers.forEach((tier, i) => {
    if (tier.minSpendYen <= spendYen) index = i;
  });
  const tier = tiers[index];
  if (!tier) throw new Error('programme config has no tiers');
  return { tier, index };
}

const tierRef = ({ id, name, minSpendYen }: ProgramTier) => ({ id, name, minSpendYen });

/** The contract's view of tier progress: tiers without their earning rates. */
export function toTierProgressView(progress: TierProgress) {
  return { ...progress, current: tierRef(progress.current), next: progress.next && tierRef(progress.next) };
}
