import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { MemberCard } from '../../../../contract/card';
import { Barcode } from '../../../components/barcode';
import { ErrorPanel, OfflineBanner } from '../../../components/status';
import { saveBootPaint } from '../../../lib/card-cache';
import { useI18n } from '../../../lib/i18n';
import { useScreenWakeLock } from '../../../lib/use-screen-wake-lock';
import { CARD_REFRESH_MS, cardQueries } from '../api/card-queries';
import { PointsToast } from './points-toast';
import { SpendCode } from './spend-code';
import { TierProgressBar } from './tier-progress-bar';

export function CardScreen() {
  const { t } = useI18n();
  const card = useQuery({ ...cardQueries.detail(), refetchInterval: CARD_REFRESH_MS, refetchOnWindowFocus: true });
  // The member barcode is the default; spending swaps in the changing code, in the same place.
  const [spending, setSpending] = useState(false);
  useScreenWakeLock(card.data !== undefined);

  if (card.data === undefined) {
    if (card.isError) return <ErrorPanel message={card.error.message} onRetry={() => card.refetch()} />;
    return <p className="p-8 text-center text-stone-500">{t('app.loading')}</p>;
  }
  return (
    <>
      {card.isError && <OfflineBanner since={card.dataUpdatedAt} />}
      <PointsToast balance={card.data.pointsBalance} updatedAt={card.dataUpdatedAt} />
      <MemberCardView card={card.data} spend={{ active: spending, setActive: setSpending }} />
    </>
  );
}

/**
 * The card itself; also rendered from the local cache before LIFF has started (then without
 * `spend`: the changing code needs the BFF).
 */
export function MemberCardView({ card, spend }: { card: MemberCard; spend?: { active: boolean; setActive: (active: boolean) => void } }) {
  const { t, number, date, locale } = useI18n();
  const sectionRef = useRef<HTMLElement>(null);
  const spendButtonRef = useRef<HTMLButtonElement>(null);
  // After the barcode is drawn (its layout effect runs first): what the next open paints before the app loads.
  useEffect(() => {
    const svg = sectionRef.current?.querySelector('svg[data-testid="member-barcode"]');
    if (!svg?.querySelector('rect')) return;
    saveBootPaint({
      lang: locale,
      title: t('card.title'),
      barcodeSvg: svg.outerHTML,
      pointsLabel: t('card.points'),
      points: `${number(card.pointsBalance)} ${t('card.pointsUnit')}`,
      tierLabel: t('card.tier'),
      tier: card.tier.current.name,
    });
    // t and number are remade each render but depend only on the locale.
  }, [card, locale]);
  return (
    <section ref={sectionRef} aria-label={t('card.title')} className="flex flex-col items-center gap-3 px-3 py-4">
      <article className="w-full max-w-[366px] overflow-hidden rounded-2xl bg-white shadow-md ring-1 ring-stone-200">
        <div className="flex items-baseline justify-between bg-stone-900 px-4 py-3 text-white">
          <span className="text-sm tracking-wide">{t('card.title')}</span>
          <span className="rounded-full bg-amber-300 px-2 py-0.5 text-xs font-bold text-stone-900" data-testid="tier-badge">
            {card.tier.current.name}
          </span>
        </div>
        {spend?.active ? (
          <div className="flex flex-col items-center bg-amber-50 py-3 ring-2 ring-inset ring-amber-400">
            <SpendCode
              onBack={() => {
                spend.setActive(false);
                // Focus returns to the button that opened it, not to the top of the page.
                requestAnimationFrame(() => spendButtonRef.current?.focus());
              }}
            />
          </div>
        ) : (
          <div className="flex flex-col items-center bg-white py-3">
            <Barcode
              value={card.memberNumber}
              symbology={card.symbology}
              label={t('card.barcodeLabel', { number: card.memberNumber })}
              testId="member-barcode"
            />
            <p className="mt-1 text-xs text-stone-500">{t('card.scanHint')}</p>
            {spend && (
              <button
                ref={spendButtonRef}
                type="button"
                className="mt-2 rounded-full bg-stone-900 px-5 py-2 text-sm font-semibold text-white"
                onClick={() => spend.setActive(true)}
              >
                {t('spend.start')}
              </button>
            )}
          </div>
        )}
        <dl className="grid grid-cols-2 border-t border-stone-100 text-center">
          <div className="p-3">
            <dt className="text-xs text-stone-500">{t('card.points')}</dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="points-balance">
              {number(card.pointsBalance)}
              <span className="ml-1 text-sm font-normal">{t('card.pointsUnit')}</span>
            </dd>
          </div>
          <div className="border-l border-stone-100 p-3">
            <dt className="text-xs text-stone-500">{t('card.tier')}</dt>
            <dd className="text-lg font-semibold" data-testid="tier-name">
              {card.tier.current.name}
            </dd>
          </div>
        </dl>
        {card.soonestExpiry && (
          <p role="status" className="border-t border-amber-100 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="expiry-warning">
            {t('card.expiring', { points: number(card.soonestExpiry.points), date: date(card.soonestExpiry.expiresAt) })}
          </p>
        )}
        <p className="border-t border-stone-100 px-4 py-2 text-xs text-stone-500">{card.displayName ?? t('card.guest')}</p>
      </article>

      <TierProgressBar progress={card.tier} />

      <div className="grid w-full max-w-[366px] grid-cols-2 gap-3">
        <Link href="/stamps" className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200" data-testid="stamp-preview">
          <span className="text-sm font-semibold">{t('card.stamps', { count: card.stamps.count, size: card.stamps.cardSize })}</span>
          <span className="mt-2 flex flex-wrap gap-1" aria-hidden>
            {Array.from({ length: card.stamps.cardSize }, (_, i) => (
              <span key={i} className={`size-3 rounded-full ${i < card.stamps.count ? 'bg-rose-500' : 'bg-stone-200'}`} />
            ))}
          </span>
        </Link>
        <Link href="/coupons" className="rounded-xl bg-white p-3 text-sm font-semibold shadow-sm ring-1 ring-stone-200" data-testid="coupon-count">
          {t('card.coupons', { count: card.usableCouponCount })}
        </Link>
      </div>
    </section>
  );
}
