/**
 * Seeded personas of the mocked LIFF browser: data, not code branches. The dev BFF creates the
 * members that already exist (everyone but "new-member", who registers ID-first on first open)
 * and signs ID tokens for all of them with its local key.
 */
export type PersonaSeed = {
  memberNumber: string;
  /** 'YYYY-MM-DD', or 'this-month' for a birthday in the current JST month (re-dated on every seed). */
  birthday?: string;
  /** Purchases recorded through the loyalty service as if made `daysAgo` days ago (points, stamps, tier). */
  purchases?: Array<{ amountYen: number; daysAgo: number; storeId?: string }>;
  /**
   * Points granted as adjustments: `daysAgo` days ago, or on the 2nd of the JST month `monthsAgo`
   * months back (with 12 that lot expires at the end of this month).
   */
  grants?: Array<{ points: number; daysAgo?: number; monthsAgo?: number }>;
};

export type Persona = {
  id: string;
  /** LINE user ids are "U" + 32 hex digits. */
  lineUserId: string;
  displayName: string;
  description: string;
  seed: PersonaSeed | null;
};

export const personas: Persona[] = [
  {
    id: 'new-member',
    lineUserId: 'U00000000000000000000000000000001',
    displayName: '新井 はじめ',
    description: 'First open: no member yet (ID-first registration)',
    seed: null,
  },
  {
    id: 'with-points',
    lineUserId: 'U00000000000000000000000000000002',
    displayName: '山田 花子',
    description: 'Member with 1,280 points',
    seed: {
      memberNumber: '2900000000025',
      grants: [
        { points: 500, daysAgo: 200 },
        { points: 780, daysAgo: 20 },
      ],
    },
  },
  {
    id: 'almost-reine',
    lineUserId: 'U00000000000000000000000000000010',
    displayName: '佐藤 玲奈',
    description: '¥47,000 in the last 12 months: ¥3,000 short of REINE (an older purchase has left the window)',
    seed: {
      memberNumber: '2900000000100',
      purchases: [
        { amountYen: 30_000, daysAgo: 400 },
        { amountYen: 20_000, daysAgo: 250 },
        { amountYen: 15_000, daysAgo: 90 },
        { amountYen: 12_000, daysAgo: 5 },
      ],
    },
  },
  {
    id: 'expiring-soon',
    lineUserId: 'U00000000000000000000000000000011',
    displayName: '鈴木 一郎',
    description: '200 pt expire at the end of this month, 300 pt later',
    seed: {
      memberNumber: '2900000000117',
      grants: [
        { points: 200, monthsAgo: 12 },
        { points: 300, daysAgo: 10 },
      ],
    },
  },
  {
    id: 'birthday-month',
    lineUserId: 'U00000000000000000000000000000012',
    displayName: '高橋 美咲',
    description: 'Birthday this month: holds the birthday coupon',
    seed: { memberNumber: '2900000000124', birthday: 'this-month', grants: [{ points: 120, daysAgo: 30 }] },
  },
  {
    id: 'nine-stamps',
    lineUserId: 'U00000000000000000000000000000013',
    displayName: '田中 蓮',
    description: 'Nine stamps: the next purchase of ¥1,000 or more completes the card',
    seed: {
      memberNumber: '2900000000131',
      purchases: Array.from({ length: 9 }, (_, i) => ({ amountYen: 1_500, daysAgo: 9 - i })),
    },
  },
  {
    // Issue #4: the shopper at the register in the clerk-console e2e (a ¥5,400 purchase: +54 pt and a stamp).
    id: 'at-the-register',
    lineUserId: 'U00000000000000000000000000000020',
    displayName: '伊藤 さくら',
    description: '300 pt, no stamps yet: the clerk console scans this card',
    seed: { memberNumber: '2900000000209', grants: [{ points: 300, daysAgo: 15 }] },
  },
  // Issue #5: shoppers who complete the profile and link a paper card (see mocks/crm-members.ts).
  {
    id: 'profile-newcomer',
    lineUserId: 'U00000000000000000000000000000030',
    displayName: '中村 さくら',
    description: 'New member who has not completed the profile yet (the card shows the nudge)',
    seed: null,
  },
  {
    id: 'paper-card-holder',
    lineUserId: 'U00000000000000000000000000000031',
    displayName: '紙山 カード子',
    description: 'New on LINE, holds paper card 1000000017 (birthday 1985-04-12, 1,500 pt) to link',
    seed: null,
  },
];

export function findPersona(id: string): Persona | undefined {
  return personas.find((p) => p.id === id);
}
