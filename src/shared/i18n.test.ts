import { describe, expect, it } from 'vitest';
import { commonMessages, createI18n, formatDate, formatMonth, formatYen, jstMonthKey } from './i18n';
import { memberCardMessages } from './member-card-messages';

describe('i18n', () => {
  it('shows dates in Asia/Tokyo whatever the machine zone', () => {
    // 15:00 UTC on 31 March is already 1 April in Tokyo.
    expect(formatDate('ja', new Date('2026-03-31T15:00:00Z'))).toBe('2026/04/01');
    expect(formatDate('en', new Date('2026-03-31T15:00:00Z'))).toBe('Apr 1, 2026');
    expect(formatMonth('ja', new Date('2026-03-31T15:00:00Z'))).toBe('2026年4月');
    expect(formatMonth('en', new Date('2026-03-31T15:00:00Z'))).toBe('April 2026');
    expect(jstMonthKey(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04');
  });

  it('formats money in yen without decimals, with one yen glyph (¥, never the full-width ￥) in both languages', () => {
    expect(formatYen('ja', 50000)).toBe('¥50,000');
    expect(formatYen('en', 12340)).toBe('¥12,340');
  });

  it('picks the plural form for the number and formats it', () => {
    const { translate } = createI18n({ ja: { friends: '友だち {count} 人' }, en: { friends: '{count, plural, one {# friend} other {# friends}} in all' } });
    expect(translate('en', 'friends', { count: 1 })).toBe('1 friend in all');
    expect(translate('en', 'friends', { count: 1200 })).toBe('1,200 friends in all');
    expect(translate('en', 'friends', { count: '1,200' })).toBe('1,200 friends in all');
    expect(translate('en', 'friends', { count: '1' })).toBe('1 friend in all');
    expect(translate('ja', 'friends', { count: 1 })).toBe('友だち 1 人');
  });

  it('fills every variable of a template and leaves an unknown one visible', () => {
    const { translate } = createI18n({ ja: { greeting: '{name} さん {missing}' }, en: { greeting: 'Hello {name} {missing}' } });
    expect(translate('ja', 'greeting', { name: '花子' })).toBe('花子 さん {missing}');
    expect(translate('en', 'greeting', { name: 'Hanako' })).toBe('Hello Hanako {missing}');
  });

  it.each([
    ['common', commonMessages],
    ['member card', memberCardMessages],
  ])('the %s words exist in both languages, none empty', (_, { ja, en }) => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect([...Object.values(ja), ...Object.values(en)].filter((text) => text.trim() === '')).toEqual([]);
  });
});
