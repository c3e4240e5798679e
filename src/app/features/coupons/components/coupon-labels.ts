import type { Coupon } from '../../../../contract/coupons';
import type { useI18n } from '../../../lib/i18n';

type I18n = ReturnType<typeof useI18n>;

export function discountLabel({ t, yen }: I18n, coupon: Coupon): string {
  return coupon.discount.kind === 'percent'
    ? t('coupons.discount.percent', { percent: coupon.discount.percent })
    : t('coupons.discount.yen', { amount: yen(coupon.discount.yen) });
}

export const statusStyle: Record<Coupon['status'], string> = {
  usable: 'bg-emerald-100 text-emerald-900',
  used: 'bg-stone-200 text-stone-800',
  expired: 'bg-stone-200 text-stone-800',
  not_yet_valid: 'bg-sky-100 text-sky-900',
};
