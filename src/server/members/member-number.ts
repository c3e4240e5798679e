import { randomInt } from 'node:crypto';

/**
 * Member numbers are 13 digits: the programme prefix, random digits, and a GS1 mod-10 check
 * digit. With an in-store prefix (20–29) that is a valid EAN-13 that no product uses; the same
 * digits are encoded as CODE128 or NW-7 when the programme chooses those symbologies.
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

export function generateMemberNumber(prefix: string, nextRandomDigit: () => number = () => randomInt(10)): string {
  const bodyLength = MEMBER_NUMBER_LENGTH - 1 - prefix.length;
  let data = prefix;
  for (let i = 0; i < bodyLength; i++) data += String(nextRandomDigit());
  return data + String(gs1CheckDigit(data));
}
