import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { pointLots } from '../db/schema/ledger';
import { coupons, purchases, stamps } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { birthdayCouponFor, type CouponToIssue } from '../loyalty/coupons';
import { lotExpiresAt, pointsForPurchase } from '../loyalty/earning';
import { jstDate, startOfJstDay } from '../loyalty/jst';
import { defaultProgramConfig, parseProgramConfig, type ProgramConfig } from '../loyalty/program-config';
import { stampForPurchase, type Stamp } from '../loyalty/stamps';
import { tierFor, tierWindowStart } from '../loyalty/tiers';
import { testDatabaseTargets } from '../testing/test-databases';
import { generateDemoData } from './demo-data';

/**
 * The generator writes its history with set-based SQL, so it re-implements the earning, tier and
 * stamp rules. Here a small history is replayed, purchase by purchase, through the pure rules of
 * src/server/loyalty, and what the generator wrote must be what those rules give. (Birthday coupons
 * too: each must be the one the birthday rule issues at the moment it was issued.)
 */

const until = new Date('2026-11-23T15:00:00Z');
const options = { members: 200, seed: 42, until, months: 18, batchSize: 70 };

/** Smaller thresholds, fractional rates, two stamps a day and short expiries: rules the default programme leaves unexercised. */
const busyProgramme = parseProgramConfig({
  ...defaultProgramConfig,
  tiers: [
    { id: 'REGULAR', name: 'REGULAR', minSpendYen: 0, pointsPer100Yen: 1 },
    { id: 'SILVER', name: 'SILVER', minSpendYen: 15_000, pointsPer100Yen: 1.5 },
    { id: 'REINE', name: 'REINE', minSpendYen: 40_000, pointsPer100Yen: 3.25 },
  ],
  tierWindow: { kind: 'trailing-months', months: 5 },
  pointExpiry: { policy: 'lot-end-of-month', months: 3 },
  stamps: { ...defaultProgramConfig.stamps, minPurchaseYen: 2_500, maxPerDay: 2, cardSize: 4, reward: { ...defaultProgramConfig.stamps.reward, validDays: 30 } },
});

const programmes: Array<{ name: string; program: ProgramConfig }> = [
  { name: 'the default programme', program: defaultProgramConfig },
  { name: 'a busier programme', program: busyProgramme },
];

type PurchaseRow = typeof purchases.$inferSelect;

/**
 * First instant of the tier window as the generator draws it: `tierWindow.months` back to the
 * same time of day, not to 00:00 JST (an approximation the generator's header states: a SQL window
 * frame `RANGE interval 'N months' PRECEDING` cannot start at a computed midnight). It is the pure
 * rule's JST day, clamped the same way, at the purchase's time of day. Purchases fall in store hours,
 * where the UTC and JST calendar days agree, so PostgreSQL's month arithmetic in UTC lands there too.
 */
function generatorTierWindowStart(at: Date, program: ProgramConfig): Date {
  const timeOfDay = at.getTime() - startOfJstDay(jstDate(at)).getTime();
  return new Date(tierWindowStart(at, program).getTime() + timeOfDay);
}

/** What the pure rules give for one member's purchases, in the order they happened. */
function replayMember(history: readonly PurchaseRow[], program: ProgramConfig) {
  const points = new Map<number, { tierId: string; points: number }>();
  let card: Stamp[] = [];
  const rewards: CouponToIssue[] = [];
  history.forEach((purchase, index) => {
    const at = purchase.purchasedAt;
    const from = generatorTierWindowStart(at, program).getTime();
    const spendBefore = history
      .slice(0, index)
      .filter((earlier) => earlier.purchasedAt.getTime() >= from)
      .reduce((sum, earlier) => sum + earlier.amountYen, 0);
    const tier = tierFor(spendBefore, program);
    points.set(purchase.id, { tierId: tier.id, points: pointsForPurchase(purchase.amountYen, tier.id, program) });

    const stamping = stampForPurchase(card, { purchaseId: String(purchase.id), amountYen: purchase.amountYen, purchasedAt: at }, at, program);
    card = stamping.stamps;
    if (stamping.result.awarded && stamping.result.couponToIssue) rewards.push(stamping.result.couponToIssue);
  });
  return { points, stamps: card, rewards };
}

function groupByMember<T extends { memberId: string }>(rows: readonly T[]): Map<string, T[]> {
  const byMember = new Map<string, T[]>();
  for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
  return byMember;
}

describe.each(testDatabaseTargets())('demo-data generator against the loyalty rules on $name', ({ open }) => {
  describe.each(programmes)('with $name', ({ program }) => {
    let database: DatabaseHandle;
    let history: Map<string, PurchaseRow[]>;
    let replays: Map<string, ReturnType<typeof replayMember>>;

    beforeAll(async () => {
      database = await open();
      await generateDemoData(database.db, program, options);
      const rows = await database.db.select().from(purchases).orderBy(asc(purchases.memberId), asc(purchases.purchasedAt));
      history = groupByMember(rows);
      replays = new Map([...history].map(([memberId, memberHistory]) => [memberId, replayMember(memberHistory, program)]));
    }, 120_000);
    afterAll(async () => {
      await database.close();
    });

    it('earns every purchase the points of the tier its earlier purchases in the window reached', () => {
      const mismatches: string[] = [];
      const tiersSeen = new Set<string>();
      for (const [memberId, memberHistory] of history) {
        const expected = replays.get(memberId)!.points;
        for (const purchase of memberHistory) {
          const rule = expected.get(purchase.id)!;
          tiersSeen.add(rule.tierId);
          if (purchase.pointsEarned !== rule.points) {
            mismatches.push(`${purchase.receiptId} ¥${purchase.amountYen} at ${rule.tierId}: wrote ${purchase.pointsEarned}, rule gives ${rule.points}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      // Otherwise the tier rule would be checked only at the base rate.
      expect([...tiersSeen].sort()).toEqual(program.tiers.map((t) => t.id).sort());
    });

    it('puts the points of each earning purchase in one lot expiring when the expiry rule says, and dates every lot by that rule', async () => {
      const lots = await database.db.select().from(pointLots);
      const lotsById = new Map(lots.map((lot) => [`${lot.memberId}/${lot.id}`, lot]));
      const purchaseLots = [...history.values()].flat().filter((p) => p.pointsEarned > 0);
      for (const purchase of purchaseLots) {
        const lot = lotsById.get(`${purchase.memberId}/lot:purchase:${purchase.id}`);
        expect(lot, purchase.receiptId).toMatchObject({ points: purchase.pointsEarned, earnedAt: purchase.purchasedAt, expiresAt: lotExpiresAt(purchase.purchasedAt, program) });
      }
      expect(lots.filter((lot) => lot.sourceKey.startsWith('purchase:'))).toHaveLength(purchaseLots.length);
      const misdated = lots.filter((lot) => lot.expiresAt.getTime() !== lotExpiresAt(lot.earnedAt, program).getTime());
      expect(misdated).toEqual([]);
      expect(lots.some((lot) => lot.sourceKey.startsWith('link-incentive:'))).toBe(true);
    });

    it('stamps exactly the purchases the stamp rules stamp (minimum spend, per-day limit), on the cards they fill', async () => {
      const written = groupByMember(await database.db.select().from(stamps).orderBy(asc(stamps.memberId), asc(stamps.stampedAt)));
      let stamped = 0;
      for (const [memberId, memberHistory] of history) {
        const expected = replays.get(memberId)!.stamps;
        const awarded = new Set(expected.map((s) => s.purchaseId));
        for (const purchase of memberHistory) expect(purchase.stampAwarded, purchase.receiptId).toBe(awarded.has(String(purchase.id)));
        const actual = (written.get(memberId) ?? []).map((s) => ({ purchaseId: String(s.purchaseId), cardNumber: s.cardNumber, stampedAt: s.stampedAt, jstDay: s.jstDay, voidedAt: s.voidedAt }));
        expect(actual, memberId).toEqual(expected);
        stamped += expected.length;
      }
      expect(stamped).toBeGreaterThan(0);
    });

    it('issues the reward coupon of every card the stamp rules complete, and no other', async () => {
      const written = groupByMember(await database.db.select().from(coupons).orderBy(asc(coupons.memberId), asc(coupons.validFrom)));
      let rewards = 0;
      for (const [memberId, replay] of replays) {
        const actual = (written.get(memberId) ?? [])
          .filter((c) => c.kind === 'stamp_reward')
          .map(({ kind, issueKey, title, titleEn, discount, validFrom, validUntil }) => ({ kind, issueKey, title, titleEn, discount, validFrom, validUntil }));
        expect(actual, memberId).toEqual(replay.rewards);
        rewards += replay.rewards.length;
      }
      expect(rewards).toBeGreaterThan(0);
    });

    it('issues each birthday coupon as the birthday rule does at the moment it was issued', async () => {
      const birthdays = new Map((await database.db.select({ id: members.id, birthday: members.birthday }).from(members)).map((m) => [m.id, m.birthday]));
      const written = (await database.db.select().from(coupons)).filter((c) => c.kind === 'birthday');
      for (const coupon of written) {
        const { kind, issueKey, title, titleEn, discount, validFrom, validUntil } = coupon;
        expect({ kind, issueKey, title, titleEn, discount, validFrom, validUntil }, coupon.code).toEqual(birthdayCouponFor(birthdays.get(coupon.memberId) ?? null, coupon.issuedAt, program));
      }
      expect(written.length).toBeGreaterThan(0);
    });
  });
});
