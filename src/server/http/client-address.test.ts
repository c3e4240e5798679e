import { describe, expect, it } from 'vitest';
import { forwardedClientAddress } from './client-address';

describe('client address behind trusted proxies', () => {
  it('takes the entry the nearest trusted proxy wrote, never one the client prepended', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the load balancer appended the real peer.
    expect(forwardedClientAddress('1.1.1.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClientAddress('203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('counts back as many hops as there are trusted proxies', () => {
    expect(forwardedClientAddress('6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    // Fewer entries than proxies: the left-most is the furthest known hop.
    expect(forwardedClientAddress('203.0.113.7', 3)).toBe('203.0.113.7');
  });

  it('ignores the header without trusted proxies, and when it is empty', () => {
    expect(forwardedClientAddress('203.0.113.7', 0)).toBeUndefined();
    expect(forwardedClientAddress(undefined, 1)).toBeUndefined();
    expect(forwardedClientAddress(' , ', 1)).toBeUndefined();
  });

  it('caps an absurdly long entry', () => {
    expect(forwardedClientAddress('x'.repeat(5000), 1)).toHaveLength(64);
  });
});
