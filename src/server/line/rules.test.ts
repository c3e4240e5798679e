import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './outbox-worker';
import { richMenuFor } from './rich-menu';

describe('outbox retry backoff', () => {
  it('doubles from 30 s and caps at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, null))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, null)).toBe(3_600_000);
  });
  it('waits at least as long as LINE’s Retry-After', () => {
    expect(retryDelayMs(1, 90_000)).toBe(90_000);
    expect(retryDelayMs(3, 1_000)).toBe(120_000);
  });
});

describe('rich menu choice', () => {
  const menus = { linked: 'rm-linked', unlinked: 'rm-unlinked', REINE: 'rm-reine' };
  it('prefers a tier menu, then the link state', () => {
    expect(richMenuFor({ linked: true, tierId: 'REINE' }, menus)).toBe('rm-reine');
    expect(richMenuFor({ linked: true, tierId: 'REGULAR' }, menus)).toBe('rm-linked');
    expect(richMenuFor({ linked: false, tierId: null }, menus)).toBe('rm-unlinked');
  });
  it('falls back to the default menu (null) when none is configured', () => {
    expect(richMenuFor({ linked: true, tierId: null }, {})).toBeNull();
  });
});
