import { describe, expect, it } from 'vitest';
import { toCoupon } from './coupons.use-case';
import type { CouponRow } from './loyalty.repository';
import { defaultProgramConfig } from './program-config';

const row = (over: Partial<CouponRow>): CouponRow =>
  ({
    id: '7f1c7a1e-58a4-4a43-9d8c-6a0c2b1f4e01',
    memberId: '00000000-0000-4000-8000-000000000001',
    kind: 'birthday',
    title: 'バースデー 10% OFF',
    titleEn: 'Birthday: 10% off',
    discount: { kind: 'percent', percent: 10 },
    validFrom: new Date('2026-11-30T15:00:00Z'),
    validUntil: new Date('2026-12-31T14:59:59.999Z'),
    usedAt: null,
    usedStoreId: null,
    redeemKey: null,
    code: '771234567890',
    ...over,
  }) as CouponRow;

describe('a coupon as the shopper sees it', () => {
  const now = new Date('2026-12-10T03:00:00Z');

  it('says where a used coupon was used, by the store’s name in both languages', () => {
    const used = toCoupon(row({ usedAt: new Date('2026-12-05T03:00:00Z'), usedStoreId: 'shibuya' }), now, defaultProgramConfig.stores);
    expect(used.status).toBe('used');
    expect(used.usedAtStore).toEqual(defaultProgramConfig.stores.find((s) => s.id === 'shibuya')!.name);
  });

  it('names no store for an unused coupon, an unlisted store, or when the stores are not asked for', () => {
    expect(toCoupon(row({}), now, defaultProgramConfig.stores).usedAtStore).toBeNull();
    expect(toCoupon(row({ usedAt: now, usedStoreId: 'closed-store' }), now, defaultProgramConfig.stores).usedAtStore).toBeNull();
    expect(toCoupon(row({ usedAt: now, usedStoreId: 'shibuya' }), now).usedAtStore).toBeNull();
  });
});
