import { describe, expect, it } from 'vitest';
import { addFriendLink, permanentLinkFor, resolveLiffState } from './deep-links';

const at = (url: string) => {
  const { pathname, search, hash } = new URL(url, 'https://card.example');
  return { pathname, search, hash };
};

describe('deep links', () => {
  it('builds permanent links to a screen in the MINI App and LIFF forms', () => {
    expect(permanentLinkFor('2000000000-AbCdEfGh', '/coupons/c-123')).toBe('https://miniapp.line.me/2000000000-AbCdEfGh/coupons/c-123');
    expect(permanentLinkFor('2000000000-AbCdEfGh', '/points', 'liff.line.me')).toBe('https://liff.line.me/2000000000-AbCdEfGh/points');
    expect(permanentLinkFor('2000000000-AbCdEfGh', '/')).toBe('https://miniapp.line.me/2000000000-AbCdEfGh');
    expect(() => permanentLinkFor('x', 'https://evil.example/')).toThrow();
  });

  it('routes a liff.state deep link to its screen and keeps the other query parameters', () => {
    expect(resolveLiffState(at('/?liff.state=%2Fcoupons%2Fc-123'))).toBe('/coupons/c-123');
    expect(resolveLiffState(at('/?persona=non-friend&liff.state=%2Fpoints%3Ftab%3Dexpiry'))).toBe('/points?persona=non-friend&tab=expiry');
    expect(resolveLiffState(at('/points'))).toBeNull();
  });

  it('never follows a liff.state that leaves the app', () => {
    expect(resolveLiffState(at('/?liff.state=%2F%2Fevil.example%2Fx'))).toBeNull();
    expect(resolveLiffState(at('/?liff.state=https%3A%2F%2Fevil.example%2F'))).toBeNull();
    expect(resolveLiffState(at('/?liff.state=javascript%3Aalert(1)'))).toBeNull();
    expect(resolveLiffState(at('/?liff.state=%2F..%2F%2Fx'))).toBeNull();
  });

  it('links to the Official Account as LINE documents', () => {
    expect(addFriendLink('@abc1234')).toBe('https://line.me/R/ti/p/@abc1234');
    expect(() => addFriendLink('@x/../y')).toThrow();
  });
});
