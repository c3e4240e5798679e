import { describe, expect, it } from 'vitest';
import { classifyScan } from './classify-scan';

const fullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('classifyScan', () => {
  it('recognises a member number by length and GS1 check digit, full-width digits too', () => {
    expect(classifyScan('2900000000209')).toEqual({ kind: 'member', code: '2900000000209' });
    expect(classifyScan(fullWidth('2900000000209'))).toEqual({ kind: 'member', code: '2900000000209' });
  });

  it('a rotating code is a member number followed by seven digits', () => {
    expect(classifyScan('29000000002091234567')).toEqual({ kind: 'rotating', code: '29000000002091234567' });
  });

  it('a coupon code is 12 digits starting 77 and never a member lookup', () => {
    expect(classifyScan('771234567890')).toEqual({ kind: 'coupon', code: '771234567890' });
    expect(classifyScan(` ${fullWidth('771234567890')} `).kind).toBe('coupon');
  });

  it('other digits are an old paper-card number; 13 digits with a wrong check digit are not a member number', () => {
    expect(classifyScan('1000000017')).toEqual({ kind: 'paper', code: '1000000017' });
    expect(classifyScan('2900000000208').kind).toBe('paper');
    expect(classifyScan('781234567890').kind).toBe('paper');
  });

  it('anything not digits goes to the lookup, which refuses it clearly', () => {
    expect(classifyScan('ABC-1').kind).toBe('other');
  });
});
