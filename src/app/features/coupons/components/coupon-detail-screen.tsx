import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Barcode } from '../../../components/barcode';
import { ShareLinkButton } from '../../../components/share-link-button';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n } from '../../../lib/i18n';
import { useScreenWakeLock } from '../../../lib/use-screen-wake-lock';
import { couponQueries } from '../api/coupon-queries';
import { discountLabel, statusStyle } from './coupon-labels';

export function CouponDetailScreen({ couponId }: { couponId: string }) {
  const i18n = useI18n();
  const { t, date, time, localised } = i18n;
  // The list is small and already cached when coming from it; one query serves both screens.
  const coupons = useQuery(couponQueries.list());
  const coupon = coupons.data?.coupons.find((c) => c.id === couponId);
  useScreenWakeLock(coupon?.status === 'usable');

  // Not in the copy at hand (a coupon just issued at the register): wait for the fresh list before saying it is not found.
  if (coupons.isPending || (!coupon && coupons.isFetching)) return <Loading />;
  if (coupons.isError) return <ErrorPanel error={coupons.error} onRetry={() => coupons.refetch()} />;
  return (
    <section className="px-3 py-4">
      <Link href="/coupons" className="mb-1 inline-flex min-h-11 items-center px-1 text-sm text-stone-600 underline">
        ← {t('coupons.back')}
      </Link>
      {!coupon ? (
        <p role="alert" className="px-1 text-sm">
          {t('coupons.notFound')}
        </p>
      ) : (
        <article className="flex flex-col items-center rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200" aria-label={localised(coupon.title)}>
          <span className={`self-end rounded-full px-2 py-0.5 text-xs ${statusStyle[coupon.status]}`} data-testid="coupon-status">
            {t(`coupons.status.${coupon.status}`)}
          </span>
          <h2 className="mt-1 text-lg font-semibold">{localised(coupon.title)}</h2>
          <p className={`text-2xl font-bold ${coupon.status === 'usable' ? 'text-rose-700' : 'text-stone-700'}`}>{discountLabel(i18n, coupon)}</p>
          <p className="mt-1 text-xs text-stone-600">{t('coupons.validity', { from: date(coupon.validFrom), until: date(coupon.validUntil) })}</p>
          <div className="mt-2">
            <ShareLinkButton path={`/coupons/${coupon.id}`} />
          </div>
          {coupon.status === 'usable' && (
            <>
              <div className="mt-3">
                <Barcode value={coupon.code} symbology="CODE128" label={t('coupons.barcodeLabel', { code: coupon.code })} testId="coupon-barcode" />
              </div>
              <p className="mt-1 text-xs text-stone-600">{t('coupons.showToClerk')}</p>
            </>
          )}
          {coupon.status === 'used' && coupon.usedAt && (
            <p className="mt-3 text-sm text-stone-700" data-testid="coupon-used">
              {coupon.usedAtStore
                ? t('coupons.usedAtStore', { date: date(coupon.usedAt), time: time(coupon.usedAt), store: localised(coupon.usedAtStore) })
                : t('coupons.usedAt', { date: date(coupon.usedAt), time: time(coupon.usedAt) })}
            </p>
          )}
          <section aria-labelledby="coupon-terms" className="mt-4 w-full border-t border-stone-100 pt-3">
            <h3 id="coupon-terms" className="text-sm font-semibold">
              {t('coupons.terms.title')}
            </h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-stone-600">
              <li>{t('coupons.terms.once')}</li>
              <li>{t('coupons.terms.member')}</li>
              <li>{t('coupons.terms.cash')}</li>
              <li>{t('coupons.terms.period', { until: date(coupon.validUntil) })}</li>
            </ul>
          </section>
        </article>
      )}
    </section>
  );
}
