import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../../lib/i18n';
import { couponQueries } from '../api/coupon-queries';

/**
 * On the card home in the birthday month: a greeting and the way to the birthday coupon, while it
 * is usable. Asked for after the card is drawn, so it never holds the barcode back.
 */
export function BirthdayGreeting() {
  const { t, date, localised } = useI18n();
  const coupons = useQuery(couponQueries.list());
  const birthday = coupons.data?.coupons.find((coupon) => coupon.kind === 'birthday' && coupon.status === 'usable');
  if (!birthday) return null;
  return (
    <aside aria-labelledby="birthday-greeting" className="mx-3 mb-4 rounded-2xl bg-gradient-to-br from-rose-100 to-amber-100 p-4 ring-1 ring-rose-200" data-testid="birthday-greeting">
      <p id="birthday-greeting" className="text-base font-bold text-rose-900">
        <span aria-hidden>🎂 </span>
        {t('coupons.birthday.greeting')}
      </p>
      <p className="mt-1 text-sm text-stone-800">{t('coupons.birthday.gift', { title: localised(birthday.title), until: date(birthday.validUntil) })}</p>
      <Link href={`/coupons/${birthday.id}`} className="mt-2 inline-flex min-h-11 items-center rounded-full bg-rose-700 px-5 text-sm font-semibold text-white">
        {t('coupons.birthday.open')}
      </Link>
    </aside>
  );
}
