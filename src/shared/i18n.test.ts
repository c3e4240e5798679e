import { describe, expect, it } from 'vitest';
import { formatDate, formatYen, translate } from './i18n';

describe('i18n', () => {
  it('interpolates variables in both languages', () => {
    expect(translate('ja', 'card.barcodeLabel', { number: '2900000000025' })).toBe('会員バーコード 2900000000025');
    expect(translate('en', 'card.barcodeLabel', { number: '2900000000025' })).toBe('Member barcode 2900000000025');
  });

  it('shows dates in Asia/Tokyo whatever the machine zone', () => {
    // 15:00 UTC on 31 March is already 1 April in Tokyo.
    expect(formatDate('ja', new Date('2026-03-31T15:00:00Z'))).toBe('2026/04/01');
  });

  it('formats money in yen without decimals', () => {
    expect(formatYen('ja', 50000)).toMatch(/^[￥¥]50,000$/);
    expect(formatYen('en', 12340)).toMatch(/¥12,340$/);
  });
});
