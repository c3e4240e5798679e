import { describe, expect, it } from 'vitest';
import { commonMessages, createI18n, formatDate, formatYen } from './i18n';
import { memberCardMessages } from './member-card-messages';

describe('i18n', () => {
  it('shows dates in Asia/Tokyo whatever the machine zone', () => {
    // 15:00 UTC on 31 March is already 1 April in Tokyo.
    expect(formatDate('ja', new Date('2026-03-31T15:00:00Z'))).toBe('2026/04/01');
  });

  it('formats money in yen without decimals', () => {
    expect(formatYen('ja', 50000)).toMatch(/^[￥¥]50,000$/);
    expect(formatYen('en', 12340)).toMatch(/¥12,340$/);
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
