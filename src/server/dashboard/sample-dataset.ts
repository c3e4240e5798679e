import type { Database } from '../db/database';
import { lineFriendEvents } from '../db/schema/line';
import { crmMemberBenefits, memberLinks } from '../db/schema/linking';
import { memberProfiles } from '../db/schema/profile';
import { pointLots } from '../db/schema/ledger';
import { coupons, purchases } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { gs1CheckDigit } from '../../contract/member-number';

/**
 * A small, fixed programme history in January 2020 (JST) whose figures are worked out by hand
 * below. The integration tests insert it; dev and e2e BFFs seed it beside the personas, which live
 * years later, so the range 2020-01-01..2020-01-31 shows exactly these numbers and nothing else.
 */

/** An instant given as JST wall-clock time. */
const jst = (local: string) => new Date(`${local}+09:00`);

const memberId = (n: number) => `d6000000-0000-4000-8000-00000000000${n}`;
const lineUser = (n: number) => `Ud6sample${String(n).padStart(23, '0')}`;
const memberNumber = (n: number) => {
  const data = `2996000000${String(n).padStart(2, '0')}`;
  return data + String(gs1CheckDigit(data));
};

export const DASHBOARD_SAMPLE = {
  range: { from: '2020-01-01', to: '2020-01-31' },
  /** For the liability figure: "now" in the middle of the sample month. */
  now: jst('2020-01-20T12:00:00'),
  expected: {
    // U1, U3, U4, U5 (refollowed on the 25th), U7; U2 and U6 blocked.
    funnel: { friends: 5, members: 4, linked: 3, profileComplete: 3, topTierMembers: 2 },
    // 7th: M1 and M3 with the incentive; 8th: M2 (unlinked later, still a new link that day); 21st: M4 without.
    links: { total: 4, byDay: { '2020-01-07': [2, 2], '2020-01-08': [1, 0], '2020-01-21': [1, 0] } as Record<string, [number, number]> },
    coupons: { birthday: [2, 1], stamp_reward: [1, 0], welcome: [0, 1], tier_reward: [0, 0] } as Record<string, [number, number]>,
    // Live lots at "now": 300 (expires end of Feb 2020) + 200 (Jan 2021).
    liability: { outstandingPoints: 500, expiringNextMonth: 300, month: '2020-02' },
    // U6 was a friend at the start; 7 follows, 3 blocks (U6 on the 3rd, U5 on the 15th, U2 on the 20th).
    blocks: { friendsAtStart: 1, follows: 7, blocks: 3, blockRate: 3 / 8, byDay: { '2020-01-03': [0, 1], '2020-01-05': [2, 0], '2020-01-15': [0, 1], '2020-01-20': [0, 1] } as Record<string, [number, number]> },
    stores: [
      // Named from the default programme's store list.
      { storeId: 'shibuya', storeName: { ja: '渋谷店', en: 'Shibuya' }, purchases: 3, spendYen: 105_000, shoppers: 2 },
      { storeId: 'umeda', storeName: { ja: '梅田店', en: 'Umeda' }, purchases: 1, spendYen: 40_000, shoppers: 1 },
    ],
  },
};

/** Inserts the sample once; a second call finds member 1 and changes nothing. */
export async function insertDashboardSample(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(members)
      .values([1, 2, 3, 4, 5].map((n) => ({ id: memberId(n), lineUserId: lineUser(n), memberNumber: memberNumber(n), displayName: `サンプル ${n}`, createdAt: n === 5 ? jst('2020-02-02T10:00:00') : jst(`2020-01-${n === 4 ? '10' : n === 3 ? '06' : '05'}T12:00:00`) })))
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (inserted.length === 0) return;

    const event = (user: number, kind: 'follow' | 'unfollow', local: string, seq: number) => ({
      webhookEventId: `d6-sample-${user}-${seq}`,
      lineUserId: lineUser(user),
      kind,
      occurredAt: jst(local),
      receivedAt: jst(local),
    });
    await tx.insert(lineFriendEvents).values([
      event(6, 'follow', '2019-12-20T09:00:00', 1),
      event(6, 'unfollow', '2020-01-03T09:00:00', 2),
      event(1, 'follow', '2020-01-05T10:00:00', 1),
      event(2, 'follow', '2020-01-05T12:00:00', 1),
      event(3, 'follow', '2020-01-06T08:00:00', 1),
      event(4, 'follow', '2020-01-10T08:00:00', 1),
      event(5, 'follow', '2020-01-12T08:00:00', 1),
      event(5, 'unfollow', '2020-01-15T08:00:00', 2),
      event(2, 'unfollow', '2020-01-20T20:00:00', 2),
      event(5, 'follow', '2020-01-25T08:00:00', 3),
      event(7, 'follow', '2020-01-28T08:00:00', 1),
    ]);

    const link = (n: number, linked: string, unlinked?: string) => ({
      memberId: memberId(n),
      crmMemberId: `d6-crm-${n}`,
      crmMemberNumber: `C00${n}`,
      linkedAt: jst(linked),
      unlinkedAt: unlinked ? jst(unlinked) : null,
    });
    await tx.insert(memberLinks).values([link(1, '2020-01-07T10:00:00'), link(3, '2020-01-07T18:00:00'), link(2, '2020-01-08T10:00:00', '2020-01-25T10:00:00'), link(4, '2020-01-21T10:00:00')]);
    await tx.insert(crmMemberBenefits).values([
      { crmMemberId: 'd6-crm-1', kind: 'link_incentive', memberId: memberId(1), points: 300, grantedAt: jst('2020-01-07T10:00:00') },
      { crmMemberId: 'd6-crm-1', kind: 'points_transfer', memberId: memberId(1), points: 120, grantedAt: jst('2020-01-07T10:00:00') },
      { crmMemberId: 'd6-crm-3', kind: 'link_incentive', memberId: memberId(3), points: 300, grantedAt: jst('2020-01-07T18:00:00') },
    ]);

    const profile = (n: number, completed: string) => ({
      memberId: memberId(n),
      familyName: 'サンプル',
      givenName: `${n}`,
      familyKana: 'サンプル',
      givenKana: 'サンプル',
      phone: '0312345678',
      email: `sample${n}@example.com`,
      postalCode: '1500001',
      marketingConsent: true,
      termsAcceptedAt: jst(completed),
      completedAt: jst(completed),
      updatedAt: jst(completed),
    });
    // M3 just inside the range, M4 just after it.
    await tx.insert(memberProfiles).values([profile(1, '2020-01-08T10:00:00'), profile(2, '2020-01-09T10:00:00'), profile(3, '2020-01-31T23:30:00'), profile(4, '2020-02-01T00:10:00')]);

    const purchase = (n: number, storeId: string, receipt: string, amountYen: number, local: string, voided?: string) => ({
      memberId: memberId(n),
      storeId,
      receiptId: `d6-sample-${receipt}`,
      amountYen,
      purchasedAt: jst(local),
      pointsEarned: Math.floor(amountYen / 100),
      stampAwarded: false,
      voidedAt: voided ? jst(voided) : null,
    });
    await tx.insert(purchases).values([
      purchase(1, 'shibuya', 'r1', 30_000, '2020-01-10T12:00:00'),
      purchase(1, 'shibuya', 'r2', 25_000, '2020-01-20T12:00:00'),
      purchase(3, 'umeda', 'r3', 40_000, '2020-01-11T12:00:00'),
      purchase(3, 'umeda', 'r4', 12_000, '2020-01-12T12:00:00', '2020-01-13T12:00:00'),
      // The last minute of the range counts; 30 seconds into February does not.
      purchase(4, 'shibuya', 'r5', 50_000, '2020-01-31T23:59:00'),
      purchase(2, 'shibuya', 'r6', 60_000, '2020-02-01T00:00:30'),
    ]);

    const coupon = (n: number, kind: 'birthday' | 'stamp_reward' | 'welcome', key: string, issued: string, used?: string) => ({
      memberId: memberId(n),
      kind,
      issueKey: `d6-sample:${key}`,
      title: kind,
      discount: { kind: 'yen' as const, yen: 500 },
      code: `D6SAMPLE${key.toUpperCase()}`,
      validFrom: jst(issued),
      validUntil: jst('2020-12-31T23:59:59'),
      issuedAt: jst(issued),
      usedAt: used ? jst(used) : null,
      usedStoreId: used ? 'shibuya' : null,
    });
    await tx.insert(coupons).values([
      coupon(1, 'birthday', 'b1', '2020-01-05T09:00:00', '2020-01-10T12:00:00'),
      coupon(1, 'stamp_reward', 's1', '2020-01-20T12:00:00'),
      coupon(2, 'welcome', 'w2', '2019-12-30T12:00:00', '2020-01-06T12:00:00'),
      coupon(3, 'birthday', 'b3', '2020-01-15T09:00:00', '2020-02-03T12:00:00'),
    ]);

    const lot = (n: number, id: string, points: number, remaining: number, earned: string, expires: string, reversed?: string) => ({
      memberId: memberId(n),
      id: `lot:d6-sample-${id}`,
      sourceKey: `d6-sample-${id}`,
      earnedAt: jst(earned),
      expiresAt: jst(expires),
      points,
      remaining,
      reversedAt: reversed ? jst(reversed) : null,
    });
    await tx.insert(pointLots).values([
      lot(1, 'l1', 300, 300, '2019-02-10T12:00:00', '2020-02-29T23:59:59.999'),
      lot(1, 'l2', 550, 200, '2020-01-10T12:00:00', '2021-01-31T23:59:59.999'),
      lot(3, 'l3', 400, 0, '2020-01-11T12:00:00', '2021-01-31T23:59:59.999'),
      lot(3, 'l4', 120, 100, '2020-01-12T12:00:00', '2021-01-31T23:59:59.999', '2020-01-13T12:00:00'),
      lot(4, 'l5', 500, 500, '2019-01-10T12:00:00', '2020-01-10T23:59:59.999'),
    ]);
  });
}
