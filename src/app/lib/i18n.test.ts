import { describe, expect, it } from 'vitest';
import { commonMessages } from '../../shared/i18n';
import { memberCardMessages } from '../../shared/member-card-messages';
import { translate } from './i18n';
import { en } from './messages.en';
import { ja } from './messages.ja';

describe('shopper i18n', () => {
  it('interpolates variables in both languages', () => {
    expect(translate('ja', 'card.barcodeLabel', { number: '2900000000025' })).toBe('会員バーコード 2900000000025');
    expect(translate('en', 'card.barcodeLabel', { number: '2900000000025' })).toBe('Member barcode 2900000000025');
  });

  it('has every shopper word in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect([...Object.values(ja), ...Object.values(en)].filter((text) => text.trim() === '')).toEqual([]);
  });

  it('redefines no common or card word (a later catalogue would silently win)', () => {
    const shared = { ...commonMessages.ja, ...memberCardMessages.ja };
    expect(Object.keys(ja).filter((key) => key in shared)).toEqual([]);
  });

  it('holds no staff word: the shopper never downloads the clerk console or the dashboard', () => {
    const keys = Object.keys({ ...commonMessages.ja, ...memberCardMessages.ja, ...ja });
    expect(keys.filter((key) => key.startsWith('clerk.') || key.startsWith('admin.'))).toEqual([]);
    // @ts-expect-error the shopper's t() accepts no staff key
    expect(translate('ja', 'clerk.logout')).toBeUndefined();
  });
});
