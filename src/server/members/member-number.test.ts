import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit } from '../../contract/member-number';
import { generateMemberNumber } from './member-number';

describe('GS1 check digit', () => {
  it.each([
    ['400638133393', 1], // EAN-13 4006381333931 (GS1 example)
    ['978030640615', 7], // ISBN-13 9780306406157
    ['290000000000', 1],
    ['490123456789', 4], // 4901234567894
    ['0001234', 8], // weights start at the rightmost digit whatever the length
  ])('of %s is %i', (data, expected) => {
    expect(gs1CheckDigit(data)).toBe(expected);
  });

  it('rejects non-digits', () => {
    expect(() => gs1CheckDigit('12a4')).toThrow(/digits/);
  });

  it('validates a full number and refuses a single wrong digit or a swap', () => {
    expect(hasValidCheckDigit('4006381333931')).toBe(true);
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
    expect(hasValidCheckDigit('4006381339331')).toBe(false);
    expect(hasValidCheckDigit('')).toBe(false);
  });
});

describe('member number', () => {
  it('is 13 digits with the programme prefix and a correct check digit', () => {
    for (let i = 0; i < 200; i++) {
      const number = generateMemberNumber('29');
      expect(number).toMatch(/^29\d{11}$/);
      expect(hasValidCheckDigit(number)).toBe(true);
    }
  });

  it('uses the random source for the body', () => {
    expect(generateMemberNumber('20', () => 0)).toBe('2000000000008');
  });
});
