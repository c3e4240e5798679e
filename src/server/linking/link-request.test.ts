import { describe, expect, it } from 'vitest';
import { LinkRequestSchema } from '../../contract/link';

describe('link request contract', () => {
  it('reads a phone number as typed: full-width digits, any hyphen, spaces', () => {
    for (const phone of ['090-2222-3333', '０９０－２２２２－３３３３', '090ー2222ー3333', '090 2222 3333', '09022223333']) {
      const parsed = LinkRequestSchema.safeParse({ memberNumber: '2900000000124', factor: { kind: 'birthday_and_phone', birthday: '1970-03-03', phone } });
      expect(parsed.success && parsed.data.factor, phone).toEqual({ kind: 'birthday_and_phone', birthday: '1970-03-03', phone: '09022223333' });
    }
  });

  it('refuses a phone number that is not 10–11 digits from 0, and recovery without the phone', () => {
    for (const phone of ['12345', '190-2222-3333', '090-2222-3333-4', 'abc']) {
      const parsed = LinkRequestSchema.safeParse({ memberNumber: '2900000000124', factor: { kind: 'phone', phone } });
      expect(parsed.success, phone).toBe(false);
    }
    expect(LinkRequestSchema.safeParse({ memberNumber: '2900000000124', factor: { kind: 'birthday_and_phone', birthday: '1970-03-03' } }).success).toBe(false);
  });
});

describe('the member number as typed', () => {
  it('accepts full-width digits, hyphens and spaces from a Japanese IME', () => {
    const parsed = LinkRequestSchema.safeParse({ memberNumber: '１０００－０００ ０１７', factor: { kind: 'birthday', birthday: '1985-04-12' } });
    expect(parsed.success && parsed.data.memberNumber).toBe('1000000017');
  });
});
