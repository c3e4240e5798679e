import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './idempotency';

describe('idempotency fingerprints', () => {
  const body = { memberCode: '20123456789011234567', points: 300 };

  it('is the same for the same request, whatever the key order', () => {
    expect(requestFingerprint({ action: 'point_redemption', storeId: 'shibuya', body })).toBe(
      requestFingerprint({ action: 'point_redemption', storeId: 'shibuya', body: { points: 300, memberCode: '20123456789011234567' } }),
    );
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
  });

  it('differs for another action, another store or another body', () => {
    const base = requestFingerprint({ action: 'point_redemption', storeId: 'shibuya', body });
    expect(requestFingerprint({ action: 'coupon_redemption', storeId: 'shibuya', body })).not.toBe(base);
    expect(requestFingerprint({ action: 'point_redemption', storeId: 'umeda', body })).not.toBe(base);
    expect(requestFingerprint({ action: 'point_redemption', storeId: 'shibuya', body: { ...body, points: 301 } })).not.toBe(base);
  });

  it('cannot be confused by a field that moves its text into another field', () => {
    expect(requestFingerprint({ action: 'a', storeId: 's', body: { x: 'y","z":"1' } })).not.toBe(requestFingerprint({ action: 'a', storeId: 's', body: { x: 'y', z: '1' } }));
  });
});
