import { describe, expect, it } from 'vitest';
import { commonMessages } from '../../shared/i18n';
import { memberCardMessages } from '../../shared/member-card-messages';
import { translate } from './i18n';
import { en } from './messages.en';
import { ja } from './messages.ja';
import { screenEn } from './screen-messages.en';
import { screenJa } from './screen-messages.ja';
import './screen-words';

describe('shopper i18n', () => {
  it('interpolates variables in both languages', () => {
    expect(translate('ja', 'card.barcodeLabel', { number: '2900000000025' })).toBe('会員バーコード 2900000000025');
    expect(translate('en', 'card.barcodeLabel', { number: '2900000000025' })).toBe('Member barcode 2900000000025');
  });

  it('has every shopper word in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect(Object.keys(screenEn).sort()).toEqual(Object.keys(screenJa).sort());
    expect([...Object.values(ja), ...Object.values(en), ...Object.values(screenJa), ...Object.values(screenEn)].filter((text) => text.trim() === '')).toEqual([]);
  });

  it('keeps each word in one catalogue: the start (with the card) or the screens (with the rest of the app)', () => {
    expect(Object.keys(screenJa).filter((key) => key in ja)).toEqual([]);
    expect(translate('ja', 'points.title')).toBe(screenJa['points.title']);
    expect(translate('en', 'points.title')).toBe(screenEn['points.title']);
  });

  it('redefines no common or card word (a later catalogue would silently win)', () => {
    const shared = { ...commonMessages.ja, ...memberCardMessages.ja };
    expect(Object.keys({ ...ja, ...screenJa }).filter((key) => key in shared)).toEqual([]);
  });

  it('holds no staff word: the shopper never downloads the clerk console or the dashboard', () => {
    const keys = Object.keys({ ...commonMessages.ja, ...memberCardMessages.ja, ...ja, ...screenJa });
    expect(keys.filter((key) => key.startsWith('clerk.') || key.startsWith('admin.'))).toEqual([]);
    // @ts-expect-error the shopper's t() accepts no staff key
    expect(translate('ja', 'clerk.logout')).toBeUndefined();
  });
});
