import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contract/staff';
import { formatNumber, formatYen, type Locale } from '../../../../shared/i18n';
import { translate } from '../../../lib/i18n';
import { auditAction, auditDetail } from './audit-words';

const words = (locale: Locale) => ({
  t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars),
  yen: (amount: number) => formatYen(locale, amount),
  number: (value: number) => formatNumber(locale, value),
  localised: (text: { ja: string; en: string }) => text[locale],
});
const entry = (action: string, result: AuditEntry['result'], detail: Record<string, unknown>) => ({ action, result, detail });

describe('the audit log in words', () => {
  it('names actions in the console language, never by their code', () => {
    expect(auditAction({ action: 'member_lookup' }, words('ja'))).toBe('会員の呼び出し');
    expect(auditAction({ action: 'purchase_void' }, words('en'))).toBe('Purchase voided');
  });

  it('shows amounts, receipts and points of what was done', () => {
    expect(auditDetail(entry('purchase', 'ok', { receiptId: 'R-1', amountYen: 5400, pointsEarned: 54, replayed: false }), words('ja'))).toBe('¥5,400・レシート R-1・+54 pt');
    expect(auditDetail(entry('purchase_void', 'ok', { receiptId: 'R-1', reversedPoints: 54, replayed: true }), words('en'))).toBe(
      'Receipt R-1, -54 pt (sent again, nothing changed)',
    );
    expect(auditDetail(entry('coupon_redemption', 'ok', { couponCode: '77', title: { ja: 'バースデー 10% OFF', en: 'Birthday: 10% off' } }), words('en'))).toBe('“Birthday: 10% off”');
    expect(auditDetail(entry('coupon_redemption', 'ok', { couponCode: '77', title: 'バースデー 10% OFF' }), words('ja'))).toBe('「バースデー 10% OFF」');
  });

  it('says why an action was refused in words of one language, the code nowhere', () => {
    const refused = auditDetail(entry('point_redemption', 'refused', { code: 'code_replayed' }), words('ja'));
    expect(refused).toContain('別のお支払いで使用済み');
    expect(refused).not.toMatch(/code_replayed|[A-Za-z]{4,}/);
    expect(auditDetail(entry('login', 'refused', { reason: 'wrong_password' }), words('en'))).toBe('Wrong password');
    expect(auditDetail(entry('login', 'refused', { reason: 'something_new' }), words('ja'))).toBe('理由は記録されていません');
  });
});
