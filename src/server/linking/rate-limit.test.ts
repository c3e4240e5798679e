import { describe, expect, it } from 'vitest';
import { lockedUntil } from './rate-limit';

const rule = { max: 3, windowMinutes: 15, lockoutMinutes: 30 };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 3, minute));

describe('link attempt lockout', () => {
  it('does not lock below the limit', () => {
    expect(lockedUntil([at(2), at(1)], rule, at(3))).toBeNull();
  });
  it('locks for the lockout after the limit is reached within the window', () => {
    expect(lockedUntil([at(10), at(5), at(1)], rule, at(11))).toEqual(at(40));
  });
  it('does not lock when the failures are spread wider than the window', () => {
    expect(lockedUntil([at(30), at(10), at(0)], rule, at(31))).toBeNull();
  });
  it('ends the lockout on time', () => {
    expect(lockedUntil([at(10), at(5), at(1)], rule, at(40))).toBeNull();
  });
});
