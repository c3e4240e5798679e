import { http, HttpResponse } from 'msw';
import { MemberCardSchema, type MemberCard } from '../src/contract/card';
import { CouponListSchema, type Coupon, type CouponList } from '../src/contract/coupons';
import { ReportFriendshipRequestSchema } from '../src/contract/line-friendship';
import { PointsOverviewSchema, type PointsOverview } from '../src/contract/points';
import { StampCardSchema, type StampCard } from '../src/contract/stamps';
import { GoogleWalletSaveLinkSchema, WalletAvailabilitySchema, type GoogleWalletSaveLink, type WalletAvailability } from '../src/contract/wallet';

/**
 * MSW handlers for the shopper API, typed by src/contract and parsed by its schemas when this
 * module loads, so a fixture that drifts from the contract fails the tests that use it.
 * Component tests run the SPA's screens against these instead of a BFF.
 */

export const fixtureCoupon: Coupon = {
  id: '7f1c7a1e-58a4-4a43-9d8c-6a0c2b1f4e01',
  kind: 'birthday',
  title: { ja: 'バースデー 10% OFF', en: 'Birthday: 10% off' },
  discount: { kind: 'percent', percent: 10 },
  validFrom: '2026-10-31T15:00:00.000Z',
  validUntil: '2026-11-30T14:59:59.999Z',
  status: 'usable',
  usedAt: null,
  usedAtStore: null,
  code: '771234567890',
};

export const fixtureCard: MemberCard = MemberCardSchema.parse({
  brandName: 'Member Card',
  face: { background: '#1c1917', text: '#ffffff', badgeBackground: '#fcd34d', badgeText: '#1c1917' },
  logo: null,
  memberNumber: '2900000000100',
  symbology: 'EAN13',
  displayName: '佐藤 玲奈',
  pointsBalance: 770,
  soonestExpiry: { points: 200, expiresAt: '2026-11-30T14:59:59.999Z' },
  tier: {
    current: { id: 'REGULAR', name: 'REGULAR', minSpendYen: 0 },
    next: { id: 'REINE', name: 'REINE', minSpendYen: 50_000 },
    spendYen: 47_000,
    gapYen: 3_000,
    ratio: 0.94,
  },
  stamps: { count: 9, cardSize: 10 },
  usableCouponCount: 1,
} satisfies MemberCard);

export const fixturePoints: PointsOverview = PointsOverviewSchema.parse({
  balance: 770,
  upcomingExpiries: [
    { points: 200, expiresAt: '2026-11-30T14:59:59.999Z' },
    { points: 570, expiresAt: '2027-10-31T14:59:59.999Z' },
  ],
  history: [
    { id: '5', kind: 'reverse', points: -120, at: '2026-11-18T05:30:00.000Z', label: 'purchase_void', storeName: { ja: '渋谷店', en: 'Shibuya' }, amountYen: null, voidedPurchase: { receiptId: 'R-1001', amountYen: 12_000, at: '2026-11-18T03:00:00.000Z' } },
    { id: '4', kind: 'earn', points: 120, at: '2026-11-18T03:00:00.000Z', label: 'purchase', storeName: { ja: '渋谷店', en: 'Shibuya' }, amountYen: 12_000, voidedPurchase: null },
    { id: '3', kind: 'adjust', points: 100, at: '2026-11-02T01:00:00.000Z', label: 'profile_bonus', storeName: null, amountYen: null, voidedPurchase: null },
    { id: '2', kind: 'redeem', points: -50, at: '2026-10-01T03:00:00.000Z', label: 'points_used', storeName: { ja: '梅田店', en: 'Umeda' }, amountYen: null, voidedPurchase: null },
    { id: '1', kind: 'expire', points: -30, at: '2026-09-01T03:00:00.000Z', label: 'expired', storeName: null, amountYen: null, voidedPurchase: null },
  ],
} satisfies PointsOverview);

export const fixtureStamps: StampCard = StampCardSchema.parse({
  cardSize: 10,
  stamps: Array.from({ length: 9 }, (_, i) => ({ at: `2026-11-${String(10 + i).padStart(2, '0')}T03:00:00.000Z` })),
  completedCards: 0,
  rewardWaiting: null,
  minPurchaseYen: 1_000,
  reward: { title: { ja: 'スタンプ特典 ¥1,000 OFF', en: 'Stamp card reward: ¥1,000 off' }, discount: { kind: 'yen', yen: 1_000 } },
} satisfies StampCard);

export const fixtureCoupons: CouponList = CouponListSchema.parse({ coupons: [fixtureCoupon] } satisfies CouponList);

/** The brand offers Google Wallet only (Apple Wallet's certificates are not configured). */
export const fixtureWallets: WalletAvailability = WalletAvailabilitySchema.parse({ apple: false, google: true } satisfies WalletAvailability);
export const fixtureGoogleSaveLink: GoogleWalletSaveLink = GoogleWalletSaveLinkSchema.parse({ url: 'https://pay.google.com/gp/v/save/eyJhbGciOiJSUzI1NiJ9.e30.c2ln' } satisfies GoogleWalletSaveLink);

export const shopperApiHandlers = [
  http.get('*/api/me/card', () => HttpResponse.json(fixtureCard)),
  http.get('*/api/me/points', () => HttpResponse.json(fixturePoints)),
  http.get('*/api/me/stamps', () => HttpResponse.json(fixtureStamps)),
  http.get('*/api/me/coupons', () => HttpResponse.json(fixtureCoupons)),
  http.get('*/api/me/wallets', () => HttpResponse.json(fixtureWallets)),
  http.get('*/api/me/wallet/google', () => HttpResponse.json(fixtureGoogleSaveLink)),
  http.post('*/api/me/line-friendship', async ({ request }) => {
    const body = ReportFriendshipRequestSchema.safeParse(await request.json());
    return body.success ? new HttpResponse(null, { status: 204 }) : HttpResponse.json({ error: { code: 'invalid_request', message: 'friend must be a boolean' } }, { status: 400 });
  }),
];
