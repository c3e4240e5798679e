import { describe, expect, it } from 'vitest';
import { ProfileInputSchema } from '../../contract/profile';
import { birthdayChangeAllowed } from './profile-rules';

describe('birthday change rule', () => {
  it('always allows setting an unset birthday', () => {
    expect(birthdayChangeAllowed({ currentBirthday: null, changesSoFar: 5 }, 'staff')).toBe(true);
  });
  it('allows one change under "once" and none under "staff"', () => {
    expect(birthdayChangeAllowed({ currentBirthday: '1990-01-01', changesSoFar: 0 }, 'once')).toBe(true);
    expect(birthdayChangeAllowed({ currentBirthday: '1990-01-01', changesSoFar: 1 }, 'once')).toBe(false);
    expect(birthdayChangeAllowed({ currentBirthday: '1990-01-01', changesSoFar: 0 }, 'staff')).toBe(false);
  });
});

describe('profile contract', () => {
  const valid = { fullName: '山田 太郎', kana: 'ヤマダ タロウ', birthday: '2000-02-29', phone: '0312345678', email: 'a@example.jp', postalCode: '1000001', marketingConsent: false, termsAccepted: true };
  const fieldOf = (input: object) => {
    const result = ProfileInputSchema.safeParse({ ...valid, ...input });
    return result.success ? null : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
  };
  it('accepts a valid profile (leap day, full-width space in kana, hyphenated phone) and trims names', () => {
    expect(fieldOf({ kana: 'ヤマダ\u3000タロウ', phone: '090-1234-5678' })).toBeNull();
    expect(ProfileInputSchema.parse({ ...valid, fullName: ' 山田 ' }).fullName).toBe('山田');
  });
  it('accepts what a Japanese IME types: full-width digits and hyphens in the phone, 〒 and a hyphen in the postal code', () => {
    const parsed = ProfileInputSchema.parse({ ...valid, phone: '０９０－１２３４－５６７８', postalCode: '〒１５０－０００１' });
    expect(parsed.phone).toBe('090-1234-5678');
    expect(parsed.postalCode).toBe('1500001');
    expect(ProfileInputSchema.parse({ ...valid, postalCode: '150-0001' }).postalCode).toBe('1500001');
  });
  it.each([
    [{ kana: 'ﾔﾏﾀﾞ' }, 'kana', 'profile.error.kana'],
    [{ kana: 'Yamada' }, 'kana', 'profile.error.kana'],
    [{ postalCode: '100000' }, 'postalCode', 'profile.error.postalCode'],
    [{ birthday: '2001-02-29' }, 'birthday', 'profile.error.birthday'],
    [{ birthday: '1899-12-31' }, 'birthday', 'profile.error.birthday'],
    [{ phone: '090123456789' }, 'phone', 'profile.error.phone'],
    [{ email: 'a@' }, 'email', 'profile.error.email'],
    [{ termsAccepted: false }, 'termsAccepted', 'profile.error.terms'],
  ])('refuses %o with a message key for %s', (input, field, key) => {
    expect(fieldOf(input)?.[field]).toBe(key);
  });
});
