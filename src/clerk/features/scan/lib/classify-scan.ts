import { normaliseScannedCode } from '../../../../contract/staff';

/**
 * What a scan is, told apart by its shape so a coupon never lands in the member lookup:
 * - member: 13 digits with a valid GS1 check digit (the card's EAN-13 / CODE128 / NW-7 number);
 * - rotating: that member number followed by the 7-digit one-time code;
 * - coupon: 12 digits starting "77" (the coupon barcode);
 * - paper: any other digits (an old paper-card number kept scannable after a link);
 * - other: not digits at all — the lookup answers it with its own clear refusal.
 * The shapes mirror src/server/members/member-number.ts and src/server/loyalty/loyalty.repository.ts.
 */
export type ScanKind = 'member' | 'rotating' | 'coupon' | 'paper' | 'other';
export type ClassifiedScan = { kind: ScanKind; code: string };

const MEMBER_NUMBER_LENGTH = 13;
const OTP_DIGITS = 7;

function hasGs1CheckDigit(digits: string): boolean {
  let sum = 0;
  const data = digits.slice(0, -1);
  for (let i = 0; i < data.length; i++) sum += Number(data[data.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

export function classifyScan(raw: string): ClassifiedScan {
  const code = normaliseScannedCode(raw);
  if (!/^\d+$/.test(code)) return { kind: 'other', code };
  if (code.length === MEMBER_NUMBER_LENGTH && hasGs1CheckDigit(code)) return { kind: 'member', code };
  if (code.length === MEMBER_NUMBER_LENGTH + OTP_DIGITS && hasGs1CheckDigit(code.slice(0, MEMBER_NUMBER_LENGTH))) return { kind: 'rotating', code };
  if (code.length === 12 && code.startsWith('77')) return { kind: 'coupon', code };
  return { kind: 'paper', code };
}
