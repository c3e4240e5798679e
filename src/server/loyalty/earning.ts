/**
 * Points for a purchase and the expiry of the lot they go into. Rules as implemented:
 *
 * - points = floor(amountYen × tier.pointsPer100Yen / 100), floored once per purchase (never per
 *   item, never carried over). Rates have at most two decimals (validated in program-config), so
 *   the sum is done in integers: 1.5 points per ¥100 on ¥999 → floor(999 × 150 / 10000) = 14.
 * - `lot-end-of-month`: a lot earned in JST month M expires at 23:59:59.999 JST on the last day of
 *   month M + `months` (earned 2026-03-15 JST, 12 months → 2027-03-31 23:59:59.999 JST). The earn
 *   month is the JST month, so 2026-03-31T15:00:00Z (00:00 JST on 1 Apr) counts as April.
 * - `since-last-purchase`: all points expire together at 23:59:59.999 JST on the day `months`
 *   after the last purchase (31 Jan + 1 month → end of 28/29 Feb). Each purchase moves every live
 *   lot out to that instant (never earlier, so a back-dated purchase cannot shorten an expiry);
 *   voiding a purchase does not pull expiries back in.
 */
import { endOfJstDay, endOfJstMonth, addMonthsJst, addMonthsToYearMonth, jstDate } from './jst';
import { extendLiveLots, type LedgerOutcome, type LedgerState } from './ledger';
import type { ProgramConfig } from './program-config';

/** Points a purchase earns at the member's tier (recomputed by tiers.ts at purchase time). */
export function pointsForPurchase(amountYen: number, tierId: string, config: Pick<ProgramConfig, 'tiers'>): number {
  if (!Number.isSafeInteger(amountYen)) throw new RangeError(`amountYen must be an integer, got ${amountYen}`);
  const tier = config.tiers.find((t) => t.id === tierId);
  // Tiers are recomputed from the current config, never stored, so an unknown id is a programming error.
  if (!tier) throw new RangeError(`unknown tier ${tierId}`);
  if (amountYen <= 0) return 0;
  const hundredthsPer100Yen = Math.round(tier.pointsPer100Yen * 100);
  return Math.floor((amountYen * hundredthsPer100Yen) / 10_000);
}

/** When a lot earned at `earnedAt` expires (inclusive last instant). */
export function lotExpiresAt(earnedAt: Date, config: Pick<ProgramConfig, 'pointExpiry'>): Date {
  const { policy, months } = config.pointExpiry;
  const earnedOn = jstDate(earnedAt);
  if (policy === 'since-last-purchase') return endOfJstDay(addMonthsJst(earnedOn, months));
  const expiryMonth = addMonthsToYearMonth(earnedOn, months);
  return endOfJstMonth(expiryMonth.year, expiryMonth.month);
}

/** Under `since-last-purchase`, a purchase at `purchasedAt` carries every live lot to the new expiry; otherwise nothing changes. */
export function refreshExpiryAfterPurchase(
  state: LedgerState,
  purchasedAt: Date,
  now: Date,
  config: Pick<ProgramConfig, 'pointExpiry'>,
): LedgerOutcome<{ extendedLots: number }> {
  if (config.pointExpiry.policy !== 'since-last-purchase') {
    return { state, added: { entries: [], lots: [] }, result: { extendedLots: 0 } };
  }
  return extendLiveLots(state, lotExpiresAt(purchasedAt, config), now);
}
