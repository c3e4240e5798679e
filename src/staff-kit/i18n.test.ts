import { describe, expect, it } from 'vitest';
import { commonMessages } from '../shared/i18n';
import { staffMessages, translate } from './i18n';

describe('staff kit i18n', () => {
  it('has every staff word in both languages, none empty', () => {
    const { ja, en } = staffMessages;
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect([...Object.values(ja), ...Object.values(en)].filter((text) => text.trim() === '')).toEqual([]);
  });

  it('redefines none of the common words', () => {
    expect(Object.keys(staffMessages.ja).filter((key) => key in commonMessages.ja)).toEqual([]);
  });

  it('shows who is signed in, with the role in the chosen language', () => {
    const role = translate('en', 'clerk.role.manager');
    expect(translate('en', 'clerk.whoami', { name: 'Sato', store: 'S001', role })).toBe('Sato (S001, manager)');
    expect(translate('ja', 'clerk.logout')).toBe('ログアウト');
  });
});
