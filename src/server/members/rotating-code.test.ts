import { describe, expect, it } from 'vitest';
import { checkOtp, otpFor, parseRotatingCode, rotatingCodeFor, timeStepAt } from './rotating-code';

const secret = Buffer.alloc(32, 7).toString('hex');
const memberId = '00000000-0000-4000-8000-000000000001';
const rule = { periodSeconds: 30, graceSteps: 1 };
const t0 = new Date('2026-11-23T03:00:00Z');

describe('rotating member code', () => {
  it('is the member number followed by seven digits that change every period', () => {
    const step = timeStepAt(t0, 30);
    const code = rotatingCodeFor({ secret, memberId, memberNumber: '2900000000025', step });
    expect(code).toMatch(/^2900000000025\d{7}$/);
    expect(rotatingCodeFor({ secret, memberId, memberNumber: '2900000000025', step: step + 1 })).not.toBe(code);
    expect(parseRotatingCode(code, 13)).toEqual({ memberNumber: '2900000000025', otp: code.slice(13) });
  });

  it('accepts the current and the grace step, calls older ones expired and anything else invalid', () => {
    const step = timeStepAt(t0, 30);
    const otp = otpFor(secret, memberId, step);
    expect(checkOtp({ secret, memberId, otp, now: t0, rule })).toEqual({ status: 'valid', step });
    expect(checkOtp({ secret, memberId, otp, now: new Date(t0.getTime() + 30_000), rule })).toEqual({ status: 'valid', step });
    expect(checkOtp({ secret, memberId, otp, now: new Date(t0.getTime() + 60_000), rule })).toEqual({ status: 'expired' });
    const other = otp === '0000000' ? '0000001' : '0000000';
    expect(checkOtp({ secret, memberId, otp: other, now: t0, rule }).status).not.toBe('valid');
  });

  it('depends on the member: another member secret does not produce the same code', () => {
    const step = timeStepAt(t0, 30);
    const otherSecret = Buffer.alloc(32, 8).toString('hex');
    expect(otpFor(otherSecret, memberId, step)).not.toBe(otpFor(secret, memberId, step));
  });

  it('rejects shapes that are not a rotating code', () => {
    expect(parseRotatingCode('2900000000025', 13)).toBeNull();
    expect(parseRotatingCode('290000000002512345x', 13)).toBeNull();
  });
});
