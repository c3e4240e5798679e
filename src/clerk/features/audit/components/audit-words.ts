import type { AuditEntry } from '../../../../contract/staff';
import type { LocalisedText } from '../../../../contract/localised';
import type { MessageKey } from '../../../lib/i18n';

type Words = {
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  yen: (amount: number) => string;
  number: (value: number) => string;
  localised: (text: LocalisedText) => string;
};

/** The catalogue's words for `key`, or null when it has none (an action or reason added later). */
function known(t: Words['t'], key: string, vars?: Record<string, string | number>): string | null {
  const text = t(key as MessageKey, vars);
  return text === undefined || text === key ? null : text;
}

const num = (value: unknown) => (typeof value === 'number' ? value : null);
const str = (value: unknown) => (typeof value === 'string' ? value : null);

/** What was done, in words ("お買い上げの記録"), never the code (`purchase`). */
export function auditAction(entry: Pick<AuditEntry, 'action'>, { t }: Pick<Words, 't'>): string {
  return known(t, `clerk.audit.action.${entry.action}`) ?? entry.action.replace(/_/g, ' ');
}

/** The amounts, receipts and points an entry recorded, or why it was refused, in the console's language. */
export function auditDetail(entry: Pick<AuditEntry, 'action' | 'result' | 'detail'>, words: Words): string {
  const { t, yen, number, localised } = words;
  const { detail } = entry;
  if (entry.result === 'refused') {
    const code = str(detail.code);
    const reason = str(detail.reason);
    if (code) return known(t, `clerk.refusal.${code}`) ?? t('clerk.refusal.unknown');
    if (reason) return known(t, `clerk.audit.reason.${reason}`) ?? t('clerk.audit.reason.other');
    return t('clerk.audit.reason.other');
  }
  const replayed = detail.replayed === true ? ` ${t('clerk.audit.replayed')}` : '';
  const receipt = str(detail.receiptId);
  switch (entry.action) {
    case 'member_lookup':
      return detail.codeKind === 'rotating' ? t('clerk.member.codeRotating') : t('clerk.member.codeStatic');
    case 'purchase': {
      const amount = num(detail.amountYen);
      if (amount === null || receipt === null) return '';
      return t('clerk.audit.detail.purchase', { amount: yen(amount), receipt, points: number(num(detail.pointsEarned) ?? 0) }) + replayed;
    }
    case 'point_redemption':
      return t('clerk.audit.detail.point_redemption', { points: number(num(detail.points) ?? 0) }) + replayed;
    case 'coupon_redemption': {
      // Titles were stored as one string before they were translated.
      const title = detail.title;
      const text = typeof title === 'string' ? title : isLocalised(title) ? localised(title) : str(detail.couponCode) ?? '';
      return t('clerk.audit.detail.coupon_redemption', { title: text }) + replayed;
    }
    case 'purchase_void':
      if (receipt === null) return '';
      return t('clerk.audit.detail.purchase_void', { receipt, points: number(num(detail.reversedPoints) ?? 0) }) + replayed;
    default:
      return '';
  }
}

function isLocalised(value: unknown): value is LocalisedText {
  return typeof value === 'object' && value !== null && typeof (value as LocalisedText).ja === 'string' && typeof (value as LocalisedText).en === 'string';
}
