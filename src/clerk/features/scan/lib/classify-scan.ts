import { hasValidCheckDigit, MEMBER_NUMBER_LENGTH } from '../../../../contract/member-number';
import { normaliseScannedCode } from '../../../../contract/staff';

/**
 * What a scan is, told apart by its shape so a coupon never lands in the member lookup:
 * - member: 13 digits with a valid GS1 check digit (the card's EAN-13 / CODE128 / NW-7 number);
 * - rotating: that member number followed by the 7-digit one-time code;
 * - coupon: 12 digits starting "77" (the coupon barcode);
 * - paper: any other digits (an old paper-card number kept scannable after a link);
 * - other: not digits at all — the lookup answers it with its own clear refusal.
 * The member number's rules are the contract's; the coupon shape mirrors src/server/loyalty/loyalty.repository.ts.
 */
export type ScanKind = 'member' | 'rotating' | 'coupon' | 'paper' | 'other';
export type ClassifiedScan = { kind: ScanKind; code: string };

const OTP_DIGITS = 7;

export function classifyScan(raw: string): ClassifiedScan {
  const code = normaliseScannedCode(raw);
  if (!/^\d+$/.test(code)) return { kind: 'other', code };
  if (code.length === MEMBER_NUMBER_LENGTH && hasValidCheckDigit(code)) return { kind: 'member', code };
  if (code.length === MEMBER_NUMBER_LENGTH + OTP_DIGITS && hasValidCheckDigit(code.slice(0, MEMBER_NUMBER_LENGTH))) return { kind: 'rotating', code };
  if (code.length === 12 && code.startsWith('77')) return { kind: 'coupon', code };
  return { kind: 'paper', code };
}
