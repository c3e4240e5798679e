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

/** LIFF APIs a persona's LINE client offers (`liff.isApiAvailable`): verified MINI Apps offer the home-screen shortcut. */
export type PersonaLiffApi = 'createShortcutOnHomeScreen' | 'requestFriendship';

/** Where the mocked LIFF browser runs for a persona; unset fields mean "in LINE, a friend, no optional APIs". */
export type PersonaLiffClient = {
  /** false: an external browser, not logged in to LINE (the "open in LINE" page). */
  inLineClient?: boolean;
  /** `liff.getFriendship().friendFlag`: false for a shopper who has not added (or has blocked) the Official Account. */
  friend?: boolean;
  apis?: PersonaLiffApi[];
  /** `liff.getOS()`: 'ios' offers Apple Wallet, 'android' Google Wallet, 'web' (default) both. */
  os?: 'ios' | 'android' | 'web';
};

export type Persona = {
  id: string;
  /** LINE user ids are "U" + 32 hex digits. */
  lineUserId: string;
  displayName: string;
  description: string;
  seed: PersonaSeed | null;
  liffClient?: PersonaLiffClient;
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
    // The shopper at the register in the clerk-console e2e (a ¥5,400 purchase: +54 pt and a stamp).
    id: 'at-the-register',
    lineUserId: 'U00000000000000000000000000000020',
    displayName: '伊藤 さくら',
    description: '300 pt, no stamps yet: the clerk console scans this card',
    seed: { memberNumber: '2900000000209', grants: [{ points: 300, daysAgo: 15 }] },
  },
  {
    id: 'spends-at-the-register',
    lineUserId: 'U00000000000000000000000000000021',
    displayName: '山本 ゆい',
    description: '500 pt and the birthday coupon: pays with points and a coupon in one checkout, one scan',
    seed: { memberNumber: '2900000000216', birthday: 'this-month', grants: [{ points: 500, daysAgo: 10 }] },
  },
  // Shoppers who complete the profile and link a paper card (see mocks/crm-members.ts).
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
  {
    id: 'campaign-linker',
    lineUserId: 'U00000000000000000000000000000035',
    displayName: '菊池 キャンペーン',
    description: 'New on LINE, holds paper card 1000000048 (birthday 1978-06-30, 200 pt): links it while a link campaign runs',
    seed: null,
  },
  // LINE MINI App readiness: the same card outside LINE, for a non-friend, and in a verified MINI App.
  {
    id: 'outside-line',
    lineUserId: 'U00000000000000000000000000000040',
    displayName: '外山 ブラウザ',
    description: 'Opens the card in an external browser, not logged in to LINE: the "open in LINE" page',
    seed: { memberNumber: '2900000000407', grants: [{ points: 100, daysAgo: 3 }] },
    liffClient: { inLineClient: false },
  },
  {
    id: 'non-friend',
    lineUserId: 'U00000000000000000000000000000041',
    displayName: '友田 まだ',
    description: 'Has not added the Official Account: the card offers to add it (messages reach friends only)',
    seed: { memberNumber: '2900000000414', grants: [{ points: 200, daysAgo: 3 }] },
    liffClient: { friend: false, apis: ['requestFriendship'] },
  },
  {
    id: 'leaving-member',
    lineUserId: 'U00000000000000000000000000000043',
    displayName: '去川 わかれ',
    description: 'About to withdraw: after withdrawal nothing of the card stays on the phone',
    seed: { memberNumber: '2900000000438', grants: [{ points: 300, daysAgo: 5 }] },
  },
  {
    id: 'web-member',
    lineUserId: 'U00000000000000000000000000000044',
    displayName: '上田 ウェブ太',
    description: 'New on LINE, holds web membership 1000000024 (birthday 1990-11-03, 420 pt): links it, then unlinks from My page',
    seed: { memberNumber: '2900000000445' },
  },
  {
    id: 'verified-mini-app',
    lineUserId: 'U00000000000000000000000000000042',
    displayName: '宮野 ミニ',
    description: 'Opens the card in a verified LINE MINI App: "add to home screen" is offered',
    seed: { memberNumber: '2900000000421', grants: [{ points: 300, daysAgo: 3 }] },
    liffClient: { apis: ['createShortcutOnHomeScreen', 'requestFriendship'] },
  },
];
