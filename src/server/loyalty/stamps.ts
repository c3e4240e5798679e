/**
 * Digital stamp cards. Rules as implemented:
 *
 * - A purchase of at least `stamps.minPurchaseYen` earns one stamp, at most `maxPerDay` per JST
 *   calendar day of the purchase (23:59:59 and 00:00 JST are different days). Voided stamps do
 *   not count towards the daily limit.
 * - Stamps fill card 1, 2, …; the stamp that brings a card to `cardSize` completes it: the result
 *   carries a reward coupon to issue (key `stamp-card:<n>`, valid from now to 23:59:59.999 JST on
 *   the day `reward.validDays` days after today) and the next stamp starts card n + 1.
 * - One stamp per purchase: stamping the same purchase again returns the first stamp.
 * - Voiding a purchase removes its stamp while its card is still being filled. A stamp on a
 *   completed card stays: the reward coupon is out (and may be used), and voids never reach back
 *   into finished cards. The caller can see that case as `card_completed`.
 */
import { addDaysJst, endOfJstDay, jstDate, jstDayKey } from './jst';
import type { CouponToIssue } from './coupons';
import type { ProgramConfig } from './program-config';

export interface Stamp {
  purchaseId: string;
  cardNumber: number;
  /** When the stamp was recorded; the reward coupon's validity runs from here. */
  stampedAt: Date;
  /** JST day of the purchase, for the per-day limit. */
  jstDay: string;
  voidedAt: Date | null;
}

export interface StampPurchase {
  purchaseId: string;
  amountYen: number;
  purchasedAt: Date;
}

export type StampResult =
  | { awarded: true; stamp: Stamp; replayed: boolean; completedCard: number | null; couponToIssue: CouponToIssue | null }
  | { awarded: false; reason: 'below_minimum' | 'daily_limit_reached' | 'stamp_voided' };

export type VoidStampResult =
  | { removed: true; stamp: Stamp; replayed: boolean }
  | { removed: false; reason: 'no_stamp' | 'card_completed' };

export interface StampOutcome<Result> {
  stamps: Stamp[];
  /** The stamp inserted or updated, for the repository to write. */
  changed: Stamp | null;
  result: Result;
}

export interface StampCardView {
  cardNumber: number;
  /** Stamps on the card being filled, oldest first. */
  stamps: Stamp[];
  completedCards: number;
}

type StampConfig = Pick<ProgramConfig, 'stamps'>;

export function stampForPurchase(
  stamps: readonly Stamp[],
  purchase: StampPurchase,
  now: Date,
  config: StampConfig,
): StampOutcome<StampResult> {
  const previous = stamps.find((s) => s.purchaseId === purchase.purchaseId);
  if (previous) return { stamps: [...stamps], changed: null, result: replayStamp(stamps, previous, config) };

  const { minPurchaseYen, maxPerDay, cardSize } = config.stamps;
  if (purchase.amountYen < minPurchaseYen) return refused(stamps, 'below_minimum');

  const jstDay = jstDayKey(purchase.purchasedAt);
  const stampsThatDay = activeStamps(stamps).filter((s) => s.jstDay === jstDay).length;
  if (stampsThatDay >= maxPerDay) return refused(stamps, 'daily_limit_reached');

  const cardNumber = cardBeingFilled(stamps, cardSize);
  const stamp: Stamp = { purchaseId: purchase.purchaseId, cardNumber, stampedAt: now, jstDay, voidedAt: null };
  const next = [...stamps, stamp];
  const completes = stampsOnCard(next, cardNumber).length === cardSize;
  return {
    stamps: next,
    changed: stamp,
    result: {
      awarded: true,
      stamp,
      replayed: false,
      completedCard: completes ? cardNumber : null,
      couponToIssue: completes ? stampRewardCoupon(cardNumber, now, config) : null,
    },
  };
}

export function voidStampForPurchase(
  stamps: readonly Stamp[],
  purchaseId: string,
  now: Date,
  config: StampConfig,
): StampOutcome<VoidStampResult> {
  const stamp = stamps.find((s) => s.purchaseId === purchaseId);
  if (!stamp) return { stamps: [...stamps], changed: null, result: { removed: false, reason: 'no_stamp' } };
  if (stamp.voidedAt !== null) return { stamps: [...stamps], changed: null, result: { removed: true, stamp, replayed: true } };
  if (isCardComplete(stamps, stamp.cardNumber, config.stamps.cardSize)) {
    return { stamps: [...stamps], changed: null, result: { removed: false, reason: 'card_completed' } };
  }

  const voided: Stamp = { ...stamp, voidedAt: now };
  return {
    stamps: stamps.map((s) => (s === stamp ? voided : s)),
    changed: voided,
    result: { removed: true, stamp: voided, replayed: false },
  };
}

export function stampCardView(stamps: readonly Stamp[], config: StampConfig): StampCardView {
  const cardNumber = cardBeingFilled(stamps, config.stamps.cardSize);
  return { cardNumber, stamps: stampsOnCard(stamps, cardNumber), completedCards: cardNumber - 1 };
}

/**
 * How many stamps the card being filled holds, from the highest card that holds any active stamp
 * and how many it holds (null without active stamps): the count `stampCardView` gives, for a
 * reader that aggregates in SQL instead of loading every stamp.
 */
export function stampsOnCardBeingFilled(latestCard: { cardNumber: number; stamps: number } | null, config: StampConfig): number {
  if (!latestCard) return 0;
  return latestCard.stamps >= config.stamps.cardSize ? 0 : latestCard.stamps;
}

export function stampRewardCoupon(cardNumber: number, now: Date, config: StampConfig): CouponToIssue {
  const { title, discount, validDays } = config.stamps.reward;
  return {
    kind: 'stamp_reward',
    issueKey: `stamp-card:${cardNumber}`,
    title: title.ja,
    titleEn: title.en,
    discount,
    validFrom: now,
    validUntil: endOfJstDay(addDaysJst(jstDate(now), validDays)),
  };
}

/** The highest card with a stamp, or the one after it once that card is full. */
function cardBeingFilled(stamps: readonly Stamp[], cardSize: number): number {
  const latestCard = activeStamps(stamps).reduce((max, s) => Math.max(max, s.cardNumber), 1);
  return isCardComplete(stamps, latestCard, cardSize) ? latestCard + 1 : latestCard;
}

function isCardComplete(stamps: readonly Stamp[], cardNumber: number, cardSize: number): boolean {
  return stampsOnCard(stamps, cardNumber).length >= cardSize;
}

function stampsOnCard(stamps: readonly Stamp[], cardNumber: number): Stamp[] {
  return activeStamps(stamps).filter((s) => s.cardNumber === cardNumber);
}

function activeStamps(stamps: readonly Stamp[]): Stamp[] {
  return stamps.filter((s) => s.voidedAt === null);
}

/** The first answer again: the stamp, and the reward if that stamp was the one that completed its card. */
function replayStamp(stamps: readonly Stamp[], stamp: Stamp, config: StampConfig): StampResult {
  if (stamp.voidedAt !== null) return { awarded: false, reason: 'stamp_voided' };
  const onCard = stampsOnCard(stamps, stamp.cardNumber);
  const completed = onCard.length >= config.stamps.cardSize && onCard[config.stamps.cardSize - 1] === stamp;
  return {
    awarded: true,
    stamp,
    replayed: true,
    completedCard: completed ? stamp.cardNumber : null,
    couponToIssue: completed ? stampRewardCoupon(stamp.cardNumber, stamp.stampedAt, config) : null,
  };
}

function refused(stamps: readonly Stamp[], reason: 'below_minimum' | 'daily_limit_reached'): StampOutcome<StampResult> {
  return { stamps: [...stamps], changed: null, result: { awarded: false, reason } };
}
