import { planDailyJob } from './daily-job';
import { jstDate } from './jst';
import { refreshMemberFacts } from './member-facts';
import { tierFor } from './tiers';
import { inTransaction, type LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import { lockMember } from '../members/members.repository';

export type DailyJobReport = { membersTouched: number; expiredPoints: number; birthdayCouponsIssued: number; factsRefreshed: number; tierDrops: number };

/**
 * Expires lots and issues birthday-month coupons (planned by daily-job.ts), then moves the members'
 * purchase facts on to today's tier window, telling the card hook of every member whose tier dropped
 * only because spend left the window (a Wallet pass shows the tier; nothing else would update it
 * today). Running it twice the same day does nothing the second time.
 */
export async function runDailyJob({ db, program, clock, onCardChanged }: LoyaltyDeps): Promise<DailyJobReport> {
  const now = clock();
  const due = await repo.membersDueForDailyJob(db, now, jstDate(now).month);
  let expiredPoints = 0;
  let birthdayCouponsIssued = 0;
  let membersTouched = 0;
  for (const memberId of due) {
    // One transaction per member: a crash midway leaves every member either done or untouched.
    await inTransaction(db, undefined, async (tx) => {
      await lockMember(tx, memberId);
      // One after the other: the transaction's statements share its one connection.
      const lots = await repo.loadLotsWithPoints(tx, memberId);
      const birthday = await repo.memberBirthday(tx, memberId);
      const couponIssueKeys = await repo.couponIssueKeys(tx, memberId);
      const [plan] = planDailyJob([{ memberId, lots, birthday, couponIssueKeys }], now, program);
      if (!plan) return;
      membersTouched += 1;
      await repo.writeLedgerChange(tx, memberId, plan.ledger);
      await onCardChanged?.(tx, { memberId, now });
      expiredPoints += plan.expiredPoints;
      for (const coupon of plan.couponsToIssue) {
        if ((await repo.issueCoupon(tx, memberId, coupon, now)).created) birthdayCouponsIssued += 1;
      }
    });
  }
  const refreshed = await refreshMemberFacts(db, program, now);
  // A member who bought today had the card hook called by that purchase, with today's tier.
  const dropped = refreshed.filter((m) => !m.boughtToday && tierFor(m.spendNow, program).minSpendYen < tierFor(m.spendEndOfYesterday, program).minSpendYen);
  if (onCardChanged) {
    for (const { memberId } of dropped) {
      await inTransaction(db, undefined, async (tx) => {
        await lockMember(tx, memberId);
        await onCardChanged(tx, { memberId, now });
      });
    }
  }
  return { membersTouched, expiredPoints, birthdayCouponsIssued, factsRefreshed: refreshed.length, tierDrops: dropped.length };
}
