import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { MemberCard } from '../../../../contract/card';
import { Barcode } from '../../../components/barcode';
import { saveBootPaint } from '../../../lib/card-cache';
import { useI18n } from '../../../lib/i18n';
import { expiryUrgency, type ExpiryUrgency } from '../lib/expiry-urgency';
import { TierProgressBar } from './tier-progress-bar';

// The changing code needs react-query and the BFF: it loads when the shopper asks for it, not with the card.
const SpendCode = lazy(() => import('./spend-code').then((m) => ({ default: m.SpendCode })));

const expiryStyles: Record<ExpiryUrgency, string> = {
  'this-month': 'border-red-200 bg-red-50 text-red-900',
  soon: 'border-amber-100 bg-amber-50 text-amber-900',
  later: 'border-stone-100 bg-white text-stone-600',
};

/** Points lost this month are shouted, next month's said, later ones only noted. */
function ExpiryNotice({ expiry }: { expiry: NonNullable<MemberCard['soonestExpiry']> }) {
  const { t, number, date } = useI18n();
  const urgency = expiryUrgency(new Date(expiry.expiresAt), new Date());
  return (
    <div role={urgency === 'later' ? undefined : 'status'} className={`flex items-center gap-2 border-t px-4 py-2 text-sm ${expiryStyles[urgency]}`} data-urgency={urgency}>
      {urgency === 'this-month' && (
        <span className="shrink-0 rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white">{t('card.expiringThisMonth')}</span>
      )}
      <p className={urgency === 'this-month' ? 'font-semibold' : undefined} data-testid="expiry-warning">
        {t('card.expiring', { points: number(expiry.points), date: date(expiry.expiresAt) })}
      </p>
    </div>
  );
}

/**
 * The card itself; also rendered from the local cache before LIFF has started (then without
 * `spend`: the changing code needs the BFF).
 */
export function MemberCardView({ card, spend }: { card: MemberCard; spend?: { active: boolean; setActive: (active: boolean) => void } }) {
  const { t, number, locale } = useI18n();
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
      tier: card.tier.current.name,
      face: card.face,
    });
    // t and number are remade each render but depend only on the locale.
  }, [card, locale]);
  return (
    <section ref={sectionRef} aria-label={t('card.title')} className="flex flex-col items-center gap-3 px-3 py-4">
      <article className="w-full max-w-[366px] overflow-hidden rounded-2xl bg-white shadow-md ring-1 ring-stone-200">
        {/* The band in the brand's colours for the member's tier; the tier is said here, once. */}
        <div className="flex items-center justify-between gap-2 px-4 py-3" style={{ background: card.face.background, color: card.face.text }} data-testid="card-band">
          <span className="flex min-w-0 items-center gap-2">
            {card.logo && <img src={card.logo.src} alt={card.logo.alt} className="h-6 w-auto max-w-[120px] object-contain" />}
            <span className="text-sm tracking-wide">{t('card.title')}</span>
          </span>
          <span className="rounded-full px-2.5 py-0.5 text-xs font-bold" style={{ background: card.face.badgeBackground, color: card.face.badgeText }}>
            <span className="sr-only">{t('card.tier')} </span>
            <span data-testid="tier-name">{card.tier.current.name}</span>
          </span>
        </div>
        {spend?.active ? (
          <div className="flex flex-col items-center bg-amber-50 py-3 ring-2 ring-inset ring-amber-400">
            <Suspense fallback={<p className="py-10 text-sm text-stone-500">{t('app.loading')}</p>}>
              <SpendCode
                onBack={() => {
                  spend.setActive(false);
                  // Focus returns to the button that opened it, not to the top of the page.
                  requestAnimationFrame(() => spendButtonRef.current?.focus());
                }}
              />
            </Suspense>
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
        <dl className="border-t border-stone-100 p-3 text-center">
          <dt className="text-xs text-stone-500">{t('card.points')}</dt>
          <dd className="text-3xl font-bold tabular-nums" data-testid="points-balance">
            {number(card.pointsBalance)}
            <span className="ml-1 text-sm font-normal">{t('card.pointsUnit')}</span>
          </dd>
        </dl>
        {card.soonestExpiry && <ExpiryNotice expiry={card.soonestExpiry} />}
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
