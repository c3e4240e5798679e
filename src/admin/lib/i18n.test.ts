import { describe, expect, it } from 'vitest';
import { commonMessages } from '../../shared/i18n';
import { staffMessages } from '../../staff-kit/i18n';
import { translate } from './i18n';
import { adminMessages } from './messages';

describe('dashboard i18n', () => {
  it('has every dashboard word in both languages, none empty', () => {
    const { ja, en } = adminMessages;
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect([...Object.values(ja), ...Object.values(en)].filter((text) => text.trim() === '')).toEqual([]);
  });

  it('redefines no common or staff word (a later catalogue would silently win)', () => {
    const shared = { ...commonMessages.ja, ...staffMessages.ja };
    expect(Object.keys(adminMessages.ja).filter((key) => key in shared)).toEqual([]);
  });

  it('reads its own and the staff words, and no register word', () => {
    expect(translate('ja', 'admin.title')).toBe('ダッシュボード');
    expect(translate('ja', 'clerk.logout')).toBe('ログアウト');
    // @ts-expect-error the dashboard ships no register words
    expect(translate('ja', 'clerk.purchase.title')).toBeUndefined();
  });
});
