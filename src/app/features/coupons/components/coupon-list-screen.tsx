import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n } from '../../../lib/i18n';
import { couponQueries } from '../api/coupon-queries';
import { discountLabel, statusStyle } from './coupon-labels';

export function CouponListScreen() {
  const i18n = useI18n();
  const { t, date, localised } = i18n;
  const coupons = useQuery(couponQueries.list());
  if (coupons.isPending) return <Loading />;
  if (coupons.isError) return <ErrorPanel error={coupons.error} onRetry={() => coupons.refetch()} />;

  return (
    <section aria-labelledby="coupons-title" className="px-3 py-4">
      <h2 id="coupons-title" className="mb-3 px-1 text-base font-semibold">
        {t('coupons.title')}
      </h2>
      {coupons.data.coupons.length === 0 && <p className="px-1 text-sm text-stone-600">{t('coupons.none')}</p>}
      <ul className="space-y-3">
        {coupons.data.coupons.map((coupon) => (
          <li key={coupon.id}>
            <Link
              href={`/coupons/${coupon.id}`}
              // A used or expired coupon is dimmed by its colours, not by opacity, so its words keep their contrast.
              className={`block rounded-2xl p-4 shadow-sm ring-1 ring-stone-200 ${coupon.status === 'usable' ? 'bg-white' : 'bg-stone-100'}`}
            >
              <div className="flex items-start justify-between gap-2">
                <div>
                  <p className="font-semibold">{localised(coupon.title)}</p>
                  <p className={`text-lg font-bold ${coupon.status === 'usable' ? 'text-rose-700' : 'text-stone-700'}`}>{discountLabel(i18n, coupon)}</p>
                </div>
                <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs ${statusStyle[coupon.status]}`}>
                  {t(`coupons.status.${coupon.status}`)}
                </span>
              </div>
              <p className="mt-1 text-xs text-stone-600">
                {t('coupons.validity', { from: date(coupon.validFrom), until: date(coupon.validUntil) })}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
