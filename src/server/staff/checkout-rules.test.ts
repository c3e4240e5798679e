import { describe, expect, it } from 'vitest';
import { checkoutExpiry, checkoutRefusal, type CheckoutState } from './checkout-rules';

const now = new Date('2026-12-01T03:00:00Z');
const holder = { staffId: 'staff-a', sessionId: 'session-a', storeId: 'shibuya' };
const open: CheckoutState = { staffId: 'staff-a', staffSessionId: 'session-a', storeId: 'shibuya', expiresAt: checkoutExpiry(now, 300), endedAt: null };

describe('checkout authorisation rules', () => {
  it('authorises the session that scanned the code while the checkout runs', () => {
    expect(checkoutRefusal(open, holder, now)).toBeNull();
    expect(checkoutRefusal(open, holder, new Date(now.getTime() + 299_999))).toBeNull();
  });

  it('refuses another session of the same account, another account and another store alike, as an unknown checkout', () => {
    expect(checkoutRefusal(open, { ...holder, sessionId: 'session-b' }, now)).toBe('checkout_not_authorised');
    expect(checkoutRefusal(open, { ...holder, staffId: 'staff-b' }, now)).toBe('checkout_not_authorised');
    expect(checkoutRefusal(open, { ...holder, storeId: 'umeda' }, now)).toBe('checkout_not_authorised');
    expect(checkoutRefusal(undefined, holder, now)).toBe('checkout_not_authorised');
  });

  it('refuses once it expired or was ended', () => {
    expect(checkoutRefusal(open, holder, new Date(now.getTime() + 300_000))).toBe('checkout_ended');
    expect(checkoutRefusal({ ...open, endedAt: now }, holder, now)).toBe('checkout_ended');
  });
});
