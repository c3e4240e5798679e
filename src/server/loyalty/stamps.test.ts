import { describe, expect, it } from 'vitest';
import { defaultProgramConfig, type ProgramConfig } from './program-config';
import { stampCardView, stampForPurchase, stampsOnCardBeingFilled, voidStampForPurchase, type Stamp, type StampPurchase } from './stamps';

// ¥1,000 minimum, 1 a day, 10 to a card, reward valid 90 days.
const config = defaultProgramConfig;
const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_DAY = Date.parse('2026-03-01T03:00:00Z');

const purchaseOn = (day: number, purchaseId = `p${day}`, amountYen = 1_500): StampPurchase => ({
  purchaseId,
  amountYen,
  purchasedAt: new Date(FIRST_DAY + day * DAY_MS),
});

/** Stamps one qualifying purchase a day for `days` days. */
function stampDays(days: number, from: readonly Stamp[] = [], cfg: ProgramConfig = config): Stamp[] {
  let stamps = [...from];
  for (let day = 0; day < days; day++) {
    const purchase = purchaseOn(day + from.length);
    stamps = stampForPurchase(stamps, purchase, purchase.purchasedAt, cfg).stamps;
  }
  return stamps;
}

describe('earning stamps', () => {
  it('a purchase of at least the minimum earns one stamp on the first card', () => {
    const purchase = purchaseOn(0, 'p', 1_000);
    const outcome = stampForPurchase([], purchase, purchase.purchasedAt, config);
    expect(outcome.result).toMatchObject({ awarded: true, replayed: false, completedCard: null, couponToIssue: null });
    expect(outcome.changed).toEqual({ purchaseId: 'p', cardNumber: 1, stampedAt: purchase.purchasedAt, jstDay: '2026-03-01', voidedAt: null });
  });

  it('a purchase below the minimum earns no stamp', () => {
    const purchase = purchaseOn(0, 'p', 999);
    expect(stampForPurchase([], purchase, purchase.purchasedAt, config)).toEqual({
      stamps: [],
      changed: null,
      result: { awarded: false, reason: 'below_minimum' },
    });
  });

  it('a second purchase on the same JST day earns no stamp, one just after midnight JST does', () => {
    const lateEvening = { purchaseId: 'a', amountYen: 2_000, purchasedAt: new Date('2026-03-31T14:59:59Z') };
    const sameDay = { purchaseId: 'b', amountYen: 2_000, purchasedAt: new Date('2026-03-30T15:00:00Z') };
    const nextDay = { purchaseId: 'c', amountYen: 2_000, purchasedAt: new Date('2026-03-31T15:00:00Z') };
    const stamps = stampForPurchase([], lateEvening, lateEvening.purchasedAt, config).stamps;

    expect(stampForPurchase(stamps, sameDay, sameDay.purchasedAt, config).result).toEqual({ awarded: false, reason: 'daily_limit_reached' });
    expect(stampForPurchase(stamps, nextDay, nextDay.purchasedAt, config).result).toMatchObject({ awarded: true, stamp: { jstDay: '2026-04-01' } });
  });

  it('the daily limit follows the config', () => {
    const twoADay = { ...config, stamps: { ...config.stamps, maxPerDay: 2 } };
    let stamps: Stamp[] = [];
    for (const id of ['a', 'b', 'c']) {
      const outcome = stampForPurchase(stamps, purchaseOn(0, id), new Date(FIRST_DAY), twoADay);
      stamps = outcome.stamps;
      expect(outcome.result.awarded).toBe(id !== 'c');
    }
  });

  it('stamping the same purchase again returns the first stamp and adds nothing', () => {
    const purchase = purchaseOn(0);
    const first = stampForPurchase([], purchase, purchase.purchasedAt, config);
    const again = stampForPurchase(first.stamps, purchase, new Date(FIRST_DAY + DAY_MS), config);
    expect(again.changed).toBeNull();
    expect(again.stamps).toEqual(first.stamps);
    expect(again.result).toEqual({ ...first.result, replayed: true });
  });
});

describe('completing a card', () => {
  it('the tenth stamp completes the card and issues the reward coupon, valid 90 days to the end of the JST day', () => {
    const nine = stampDays(9);
    const tenth = purchaseOn(9);
    const now = tenth.purchasedAt; // 2026-03-10 12:00 JST

    const outcome = stampForPurchase(nine, tenth, now, config);

    expect(outcome.result).toMatchObject({ awarded: true, completedCard: 1, stamp: { cardNumber: 1 } });
    expect(outcome.result.awarded && outcome.result.couponToIssue).toEqual({
      kind: 'stamp_reward',
      issueKey: 'stamp-card:1',
      title: config.stamps.reward.title.ja,
      titleEn: config.stamps.reward.title.en,
      discount: config.stamps.reward.discount,
      validFrom: now,
      validUntil: new Date('2026-06-08T14:59:59.999Z'),
    });
  });

  it('the stamp after a full card starts card two', () => {
    const stamps = stampDays(11);
    expect(stamps.at(-1)?.cardNumber).toBe(2);
    expect(stampCardView(stamps, config)).toMatchObject({ cardNumber: 2, completedCards: 1, stamps: [{ purchaseId: 'p10' }] });
  });

  it('replaying the completing stamp returns the same reward to issue', () => {
    const stamps = stampDays(10);
    const replay = stampForPurchase(stamps, purchaseOn(9), new Date('2030-01-01T00:00:00Z'), config);
    expect(replay.result).toMatchObject({ awarded: true, replayed: true, completedCard: 1, couponToIssue: { issueKey: 'stamp-card:1', validUntil: new Date('2026-06-08T14:59:59.999Z') } });
  });
});

describe('voiding a purchase', () => {
  it('removes its stamp while the card is still being filled, and frees that day', () => {
    const stamps = stampDays(3);
    const now = new Date('2026-03-05T00:00:00Z');
    const outcome = voidStampForPurchase(stamps, 'p1', now, config);

    expect(outcome.result).toMatchObject({ removed: true, replayed: false, stamp: { purchaseId: 'p1', voidedAt: now } });
    expect(stampCardView(outcome.stamps, config).stamps.map((s) => s.purchaseId)).toEqual(['p0', 'p2']);
    const sameDayAgain = purchaseOn(1, 'p1-again');
    expect(stampForPurchase(outcome.stamps, sameDayAgain, now, config).result.awarded).toBe(true);
  });

  it('keeps a stamp on a completed card, whose reward is already out', () => {
    const stamps = stampDays(12);
    expect(voidStampForPurchase(stamps, 'p3', new Date('2026-04-01T00:00:00Z'), config)).toEqual({ stamps, changed: null, result: { removed: false, reason: 'card_completed' } });
    expect(voidStampForPurchase(stamps, 'p11', new Date('2026-04-01T00:00:00Z'), config).result.removed).toBe(true);
  });

  it('voiding twice returns the first void; a purchase without a stamp is reported', () => {
    const stamps = stampDays(2);
    const first = voidStampForPurchase(stamps, 'p0', new Date('2026-03-05T00:00:00Z'), config);
    const again = voidStampForPurchase(first.stamps, 'p0', new Date('2026-03-06T00:00:00Z'), config);
    expect(again.changed).toBeNull();
    expect(again.result).toEqual({ ...first.result, replayed: true });
    expect(voidStampForPurchase(stamps, 'nope', new Date('2026-04-01T00:00:00Z'), config).result).toEqual({ removed: false, reason: 'no_stamp' });
  });

  it('restamping a voided purchase is refused', () => {
    const stamps = voidStampForPurchase(stampDays(1), 'p0', new Date('2026-04-01T00:00:00Z'), config).stamps;
    expect(stampForPurchase(stamps, purchaseOn(0), new Date('2026-04-01T00:00:00Z'), config).result).toEqual({ awarded: false, reason: 'stamp_voided' });
  });
});

describe('the card count from the latest card alone (what the one-statement card read aggregates)', () => {
  /** The highest card with an active stamp and how many active stamps it holds, as the SQL groups them. */
  const latestCard = (stamps: readonly Stamp[]) => {
    const active = stamps.filter((s) => s.voidedAt === null);
    if (active.length === 0) return null;
    const cardNumber = Math.max(...active.map((s) => s.cardNumber));
    return { cardNumber, stamps: active.filter((s) => s.cardNumber === cardNumber).length };
  };

  it('gives the count stampCardView gives: empty, part-filled, exactly full, next card started, voids on the current card', () => {
    const voidedOnCurrent = voidStampForPurchase(stampDays(13), 'p12', new Date('2026-04-01T00:00:00Z'), config).stamps;
    const voidedAll = voidStampForPurchase(stampDays(1), 'p0', new Date('2026-04-01T00:00:00Z'), config).stamps;
    const cases = [[], stampDays(1), stampDays(9), stampDays(10), stampDays(11), stampDays(20), stampDays(23), voidedOnCurrent, voidedAll];
    const counts = cases.map((stamps) => stampsOnCardBeingFilled(latestCard(stamps), config));
    expect(counts).toEqual(cases.map((stamps) => stampCardView(stamps, config).stamps.length));
    expect(counts).toEqual([0, 1, 9, 0, 1, 0, 3, 2, 0]);
  });
});
