import { describe, expect, it } from 'vitest';
import { planDailyJob, type MemberDailySnapshot } from './daily-job';
import { emptyLedger, grantPoints, type PointLot } from './ledger';
import { defaultProgramConfig } from './program-config';

const config = defaultProgramConfig;
const NOW = new Date('2026-04-01T18:00:00Z'); // 2 Apr 03:00 JST, when the job runs

function lotsWith(points: number, expiresAt: string, key: string): PointLot[] {
  return grantPoints(emptyLedger, { key, kind: 'earn', points, at: new Date('2025-03-10T03:00:00Z'), expiresAt: new Date(expiresAt) }).state.lots;
}

const members: MemberDailySnapshot[] = [
  { memberId: 'expiring', lots: lotsWith(120, '2026-03-31T14:59:59.999Z', 'a'), birthday: null, couponIssueKeys: [] },
  { memberId: 'april-birthday', lots: lotsWith(50, '2027-03-31T14:59:59.999Z', 'b'), birthday: '1990-04-18', couponIssueKeys: ['birthday:2025'] },
  { memberId: 'nothing-to-do', lots: lotsWith(50, '2027-03-31T14:59:59.999Z', 'c'), birthday: '1990-08-01', couponIssueKeys: [] },
];

describe('daily job plan', () => {
  it('expires lots past their expiry and issues birthday coupons due this month, leaving other members out', () => {
    const plan = planDailyJob(members, NOW, config);

    expect(plan.map((p) => p.memberId)).toEqual(['expiring', 'april-birthday']);
    expect(plan[0]).toMatchObject({
      expiredPoints: 120,
      ledger: { entries: [{ key: 'expire:lot:a', kind: 'expire', points: -120 }], lots: [{ id: 'lot:a', remaining: 0 }] },
      couponsToIssue: [],
    });
    expect(plan[1]).toMatchObject({ expiredPoints: 0, ledger: { entries: [], lots: [] }, couponsToIssue: [{ issueKey: 'birthday:2026' }] });
  });

  it('running twice on the same day plans nothing the second time', () => {
    const plan = planDailyJob(members, NOW, config);
    const afterFirstRun = members.map((member) => {
      const memberPlan = plan.find((p) => p.memberId === member.memberId);
      if (!memberPlan) return member;
      const updated = new Map(memberPlan.ledger.lots.map((lot) => [lot.id, lot]));
      return {
        ...member,
        lots: member.lots.map((lot) => updated.get(lot.id) ?? lot),
        couponIssueKeys: [...member.couponIssueKeys, ...memberPlan.couponsToIssue.map((c) => c.issueKey)],
      };
    });

    expect(planDailyJob(afterFirstRun, new Date(NOW.getTime() + 60 * 60 * 1000), config)).toEqual([]);
  });
});
