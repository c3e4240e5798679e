import { describe, expect, it } from 'vitest';
import { commonMessages } from '../../shared/i18n';
import { memberCardMessages } from '../../shared/member-card-messages';
import { staffMessages } from '../../staff-kit/i18n';
import { translate } from './i18n';
import { clerkMessages } from './messages';

describe('clerk i18n', () => {
  it('has every clerk word in both languages, none empty', () => {
    const { ja, en } = clerkMessages;
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect([...Object.values(ja), ...Object.values(en)].filter((text) => text.trim() === '')).toEqual([]);
  });

  it('redefines no common, card or staff word (a later catalogue would silently win)', () => {
    const shared = { ...commonMessages.ja, ...memberCardMessages.ja, ...staffMessages.ja };
    expect(Object.keys(clerkMessages.ja).filter((key) => key in shared)).toEqual([]);
  });

  it('reads its own, the staff and the card words, and no dashboard word', () => {
    expect(translate('ja', 'clerk.audit.title')).toBe('操作履歴');
    expect(translate('ja', 'clerk.login.title')).toBe('スタッフログイン');
    expect(translate('ja', 'card.tierTop')).toBe('最上位ステージです');
    // @ts-expect-error the clerk console ships no dashboard words
    expect(translate('ja', 'admin.title')).toBeUndefined();
  });
});
