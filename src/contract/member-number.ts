/**
 * The member number's shape, shared by the BFF that issues it and the clerk console that tells a
 * scanned member number from a coupon or a paper-card number: 13 digits ending in a GS1 mod-10
 * check digit (a valid EAN-13 with the programme's in-store prefix).
 */
export const MEMBER_NUMBER_LENGTH = 13;

/** GS1 check digit: weights 3,1,3,… from the rightmost data digit. */
export function gs1CheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new Error('GS1 data must be digits only');
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const digit = Number(data[data.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(memberNumber: string): boolean {
  if (!/^\d{2,}$/.test(memberNumber)) return false;
  return gs1CheckDigit(memberNumber.slice(0, -1)) === Number(memberNumber.at(-1));
}
