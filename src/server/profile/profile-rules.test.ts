import { describe, expect, it } from 'vitest';
import { normaliseKana, ProfileInputSchema, splitFullName } from '../../contract/profile';
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
  const valid = {
    familyName: '山田',
    givenName: '太郎',
    familyKana: 'ヤマダ',
    givenKana: 'タロウ',
    birthday: '2000-02-29',
    phone: '0312345678',
    email: 'a@example.jp',
    postalCode: '1000001',
    prefecture: '東京都',
    city: '千代田区',
    street: '千代田1-1',
    building: '',
    marketingConsent: false,
    termsAccepted: true,
  };
  const fieldOf = (input: object) => {
    const result = ProfileInputSchema.safeParse({ ...valid, ...input });
    return result.success ? null : Object.fromEntries(result.error.issues.reverse().map((i) => [String(i.path[0]), i.message])); // the first issue per field, as the form shows it
  };
  it('accepts a valid profile (leap day, hyphenated phone, no building) and trims names and address', () => {
    expect(fieldOf({ phone: '090-1234-5678' })).toBeNull();
    const parsed = ProfileInputSchema.parse({ ...valid, familyName: ' 山田 ', city: ' 千代田区 ', building: '  ' });
    expect([parsed.familyName, parsed.city, parsed.building]).toEqual(['山田', '千代田区', '']);
  });
  it('accepts what a Japanese IME types: full-width digits and hyphens in the phone, 〒 and a hyphen in the postal code', () => {
    const parsed = ProfileInputSchema.parse({ ...valid, phone: '０９０－１２３４－５６７８', postalCode: '〒１５０－０００１' });
    expect(parsed.phone).toBe('090-1234-5678');
    expect(parsed.postalCode).toBe('1500001');
    expect(ProfileInputSchema.parse({ ...valid, postalCode: '150-0001' }).postalCode).toBe('1500001');
  });
  it('stores kana typed in hiragana or half-width katakana as full-width katakana', () => {
    const parsed = ProfileInputSchema.parse({ ...valid, familyKana: 'やまだ', givenKana: 'ﾀﾛｳ' });
    expect([parsed.familyKana, parsed.givenKana]).toEqual(['ヤマダ', 'タロウ']);
    expect(ProfileInputSchema.parse({ ...valid, givenKana: ' ゔぃくとりあ　ー ' }).givenKana).toBe('ヴィクトリア\u3000ー');
  });
  it.each([
    [{ familyKana: 'Yamada' }, 'familyKana', 'profile.error.kana'],
    [{ givenKana: '太郎' }, 'givenKana', 'profile.error.kana'],
    [{ givenKana: '　' }, 'givenKana', 'profile.error.required'],
    [{ familyName: ' ' }, 'familyName', 'profile.error.required'],
    [{ givenName: 'あ'.repeat(31) }, 'givenName', 'profile.error.tooLong'],
    [{ prefecture: '東京' }, 'prefecture', 'profile.error.prefecture'],
    [{ city: '' }, 'city', 'profile.error.required'],
    [{ street: '' }, 'street', 'profile.error.required'],
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

describe('kana and name helpers', () => {
  it('normaliseKana makes katakana of hiragana and half-width kana, one full-width space between words', () => {
    expect(normaliseKana('やまだ  たろう')).toBe('ヤマダ\u3000タロウ');
    expect(normaliseKana('ﾔﾏﾀﾞ\u3000ﾀﾛｳ')).toBe('ヤマダ\u3000タロウ');
    expect(normaliseKana('ゝゞ')).toBe('ヽヾ');
    expect(normaliseKana('Yamada')).toBe('Yamada');
  });
  it('splitFullName splits a single name at its first space, else keeps it all as the family name', () => {
    expect(splitFullName('山田 太郎')).toEqual({ family: '山田', given: '太郎' });
    expect(splitFullName(' 山田　太郎 ')).toEqual({ family: '山田', given: '太郎' });
    expect(splitFullName('Anna Maria Rossi')).toEqual({ family: 'Anna', given: 'Maria Rossi' });
    expect(splitFullName('山田太郎')).toEqual({ family: '山田太郎', given: '' });
  });
});
