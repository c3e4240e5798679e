import { describe, expect, it } from 'vitest';
import { createTestClock } from '../testing/test-app';
import { createSessionCodec } from './session';

const SECRET = 'session-codec-test-secret-of-32-characters';

describe('shopper session codec', () => {
  it('a token read before stops at its expiry like one never read: same answer either side of exp', async () => {
    const clock = createTestClock('2026-11-23T03:00:00.000Z');
    const codec = createSessionCodec(SECRET, 3600, clock.now);
    const token = await codec.issue({ memberId: 'm-1', generation: 2 });
    expect(await codec.read(token)).toEqual({ memberId: 'm-1', generation: 2 });

    clock.advance(3600_000 - 1);
    expect(await codec.read(token)).toEqual({ memberId: 'm-1', generation: 2 });
    expect(await createSessionCodec(SECRET, 3600, clock.now).read(token)).toEqual({ memberId: 'm-1', generation: 2 });

    clock.advance(1);
    expect(await codec.read(token)).toBeNull();
    expect(await createSessionCodec(SECRET, 3600, clock.now).read(token)).toBeNull();
    // Once expired it stays refused, even if the clock were set back.
    clock.advance(-10_000);
    expect(await codec.read(token)).toEqual(await createSessionCodec(SECRET, 3600, clock.now).read(token));
  });

  it('a known token does not make a changed one valid, and another secret refuses it', async () => {
    const clock = createTestClock('2026-11-23T03:00:00.000Z');
    const codec = createSessionCodec(SECRET, 3600, clock.now);
    const token = await codec.issue({ memberId: 'm-1', generation: 0 });
    expect(await codec.read(token)).not.toBeNull();
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await codec.read(`${header}.${payload}.${flipped}`)).toBeNull();
    expect(await codec.read(`${token}x`)).toBeNull();
    expect(await createSessionCodec(`${SECRET}-other`, 3600, clock.now).read(token)).toBeNull();
  });
});
