import { createHmac } from 'node:crypto';

/**
 * The rotating member code against screenshot sharing: the member number followed by a 7-digit
 * TOTP-style value, HMAC-SHA256 of (member id, time step) under the member's own secret. Only the
 * BFF holds the secrets, so only the BFF can tell a live code from a copied one. Twenty digits:
 * every scanner types them, and CODE128 packs an even count of digits two per symbol (narrow enough for a phone).
 */

const OTP_DIGITS = 7;
/** Older steps recognised as "expired" (a clear message) rather than "not a code". */
const EXPIRED_LOOKBACK_STEPS = 120;

export type RotatingRule = { periodSeconds: number; graceSteps: number };

export function timeStepAt(now: Date, periodSeconds: number): number {
  return Math.floor(now.getTime() / 1000 / periodSeconds);
}

export function otpFor(secret: string, memberId: string, step: number): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'hex')).update(`${memberId}:${step}`).digest();
  // RFC 4226 dynamic truncation.
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** OTP_DIGITS).padStart(OTP_DIGITS, '0');
}

export function rotatingCodeFor(input: { secret: string; memberId: string; memberNumber: string; step: number }): string {
  return input.memberNumber + otpFor(input.secret, input.memberId, input.step);
}

/** Splits a scanned rotating code; null if it does not have that shape. */
export function parseRotatingCode(code: string, memberNumberLength: number): { memberNumber: string; otp: string } | null {
  if (!/^\d+$/.test(code) || code.length !== memberNumberLength + OTP_DIGITS) return null;
  return { memberNumber: code.slice(0, memberNumberLength), otp: code.slice(memberNumberLength) };
}

export type RotatingCheck = { status: 'valid'; step: number } | { status: 'expired' } | { status: 'invalid' };

/** Checks an OTP against the current step and the grace steps before it; older matches are "expired". */
export function checkOtp(input: { secret: string; memberId: string; otp: string; now: Date; rule: RotatingRule }): RotatingCheck {
  const current = timeStepAt(input.now, input.rule.periodSeconds);
  for (let step = current; step >= current - input.rule.graceSteps; step--) {
    if (otpFor(input.secret, input.memberId, step) === input.otp) return { status: 'valid', step };
  }
  for (let step = current - input.rule.graceSteps - 1; step >= current - EXPIRED_LOOKBACK_STEPS; step--) {
    if (otpFor(input.secret, input.memberId, step) === input.otp) return { status: 'expired' };
  }
  return { status: 'invalid' };
}
