import { randomInt } from 'node:crypto';
import { gs1CheckDigit, MEMBER_NUMBER_LENGTH } from '../../contract/member-number';

/**
 * Member numbers are 13 digits: the programme prefix, random digits, and a GS1 mod-10 check
 * digit (rules in src/contract/member-number.ts, which the clerk console reads too). With an
 * in-store prefix (20–29) that is a valid EAN-13 that no product uses; the same digits are
 * encoded as CODE128 or NW-7 when the programme chooses those symbologies.
 */
export function generateMemberNumber(prefix: string, nextRandomDigit: () => number = () => randomInt(10)): string {
  const bodyLength = MEMBER_NUMBER_LENGTH - 1 - prefix.length;
  let data = prefix;
  for (let i = 0; i < bodyLength; i++) data += String(nextRandomDigit());
  return data + String(gs1CheckDigit(data));
}
