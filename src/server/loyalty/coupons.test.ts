import { describe, expect, it } from 'vitest';
import { birthdayCouponFor, couponStatus, redeemCoupon, type CouponUse } from './coupons';
import { defaultProgramConfig } from './program-config';

const config = defaultProgramConfig;
const coupon: CouponUse & { id: string } = {
  id: 'c1',
  validFrom: new Date('2026-03-31T15:00:00Z'), // 1 Apr 00:00 JST
  validUntil: new Date('2026-04-30T14:59:59.999Z'), // 30 Apr 23:59:59.999 JST
  usedAt: null,
  usedStoreId: null,
  redeemKey: null,
};

describe('coupon status', () => {
  it('is not yet valid before its window, usable inside it at both ends, expired after it', () => {
    expect(couponStatus(coupon, new Date('2026-03-31T14:59:59.999Z'))).toBe('not_yet_valid');
    expect(couponStatus(coupon, new Date('2026-03-31T15:00:00Z'))).toBe('usable');
    expect(couponStatus(coupon, new Date('2026-04-30T14:59:59.999Z'))).toBe('usable');
    expect(couponStatus(coupon, new Date('2026-04-30T15:00:00Z'))).toBe('expired');
  });

  it('a used coupon is used, whatever the date', () => {
    const used = { ...coupon, usedAt: new Date('2026-04-10T00:00:00Z') };
    expect(couponStatus(used, new Date('2026-05-10T00:00:00Z'))).toBe('used');
  });
});

describe('redeeming a coupon', () => {
  const inApril = new Date('2026-04-10T03:00:00Z');

  it('marks a usable coupon used, with the store and the redeem key', () => {
    expect(redeemCoupon(coupon, { redeemKey: 'rk', now: inApril, storeId: 'S1' })).toEqual({
      ok: true,
      replayed: false,
      coupon: { ...coupon, usedAt: inApril, usedStoreId: 'S1', redeemKey: 'rk' },
    });
  });

  it('a second redemption with another key is refused; the same key returns the first', () => {
    const first = redeemCoupon(coupon, { redeemKey: 'rk', now: inApril, storeId: 'S1' });
    if (!first.ok) throw new Error('first redemption refused');
    expect(redeemCoupon(first.coupon, { redeemKey: 'other', now: inApril, storeId: 'S2' })).toMatchObject({ ok: false, error: 'coupon_used' });
    expect(redeemCoupon(first.coupon, { redeemKey: 'rk', now: new Date('2026-06-01T00:00:00Z'), storeId: 'S1' })).toEqual({
      ok: true,
      replayed: true,
      coupon: first.coupon,
    });
  });

  it('an expired or not yet valid coupon is refused and left unchanged', () => {
    expect(redeemCoupon(coupon, { redeemKey: 'rk', now: new Date('2026-05-01T00:00:00Z'), storeId: null })).toEqual({
      ok: false,
      error: 'coupon_expired',
      coupon,
    });
    expect(redeemCoupon(coupon, { redeemKey: 'rk', now: new Date('2026-03-20T00:00:00Z'), storeId: null })).toEqual({
      ok: false,
      error: 'coupon_not_yet_valid',
      coupon,
    });
  });
});

describe('birthday coupon', () => {
  it('in the birth month, valid from the 1st 00:00 JST to the last day 23:59:59.999 JST, keyed by year', () => {
    expect(birthdayCouponFor('1990-04-18', new Date('2026-04-10T03:00:00Z'), config)).toEqual({
      kind: 'birthday',
      issueKey: 'birthday:2026',
      title: config.coupons.birthday.title.ja,
      titleEn: config.coupons.birthday.title.en,
      discount: config.coupons.birthday.discount,
      validFrom: new Date('2026-03-31T15:00:00Z'),
      validUntil: new Date('2026-04-30T14:59:59.999Z'),
    });
  });

  it('the birth month is the JST month: 00:00 JST on 1 April is April', () => {
    expect(birthdayCouponFor('1990-04-18', new Date('2026-03-31T14:59:59Z'), config)).toBeNull();
    expect(birthdayCouponFor('1990-04-18', new Date('2026-03-31T15:00:00Z'), config)).not.toBeNull();
  });

  it('a 29 February birthday gets its coupon every February, to the 28th in 2027 and the 29th in 2028', () => {
    expect(birthdayCouponFor('2000-02-29', new Date('2027-02-10T03:00:00Z'), config)).toMatchObject({
      issueKey: 'birthday:2027',
      validFrom: new Date('2027-01-31T15:00:00Z'),
      validUntil: new Date('2027-02-28T14:59:59.999Z'),
    });
    expect(birthdayCouponFor('2000-02-29', new Date('2028-02-29T14:00:00Z'), config)).toMatchObject({
      issueKey: 'birthday:2028',
      validUntil: new Date('2028-02-29T14:59:59.999Z'),
    });
    expect(birthdayCouponFor('2000-02-29', new Date('2027-03-01T03:00:00Z'), config)).toBeNull();
  });

  it('none without a birthday, outside the birth month, or when disabled', () => {
    const april = new Date('2026-04-10T03:00:00Z');
    expect(birthdayCouponFor(null, april, config)).toBeNull();
    expect(birthdayCouponFor('1990-05-01', april, config)).toBeNull();
    const disabled = { coupons: { birthday: { ...config.coupons.birthday, enabled: false } } };
    expect(birthdayCouponFor('1990-04-18', april, disabled)).toBeNull();
  });

  it('a malformed birthday is a programming error', () => {
    expect(() => birthdayCouponFor('1990-02-30', new Date('2026-04-01T00:00:00Z'), config)).toThrow(RangeError);
  });
});
