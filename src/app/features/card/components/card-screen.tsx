import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { cardQueries } from '../api/card-queries';
import { MemberBarcode } from './member-barcode';

export function CardScreen() {
  const { t, number } = useI18n();
  const card = useQuery(cardQueries.detail());

  if (card.isPending) {
    return <p className="p-8 text-center text-stone-500">{t('app.loading')}</p>;
  }
  if (card.isError) {
    return (
      <div role="alert" className="m-4 rounded-xl bg-red-50 p-4 text-red-900">
        <p className="font-semibold">{t('app.error.title')}</p>
        <p className="mt-1 text-sm">{card.error.message}</p>
        <button type="button" className="mt-3 rounded-lg bg-red-900 px-4 py-2 text-white" onClick={() => card.refetch()}>
          {t('app.error.retry')}
        </button>
      </div>
    );
  }

  const { data } = card;
  return (
    <section aria-label={t('card.title')} className="flex flex-col items-center gap-4 px-3 py-5">
      <article className="w-full max-w-[366px] overflow-hidden rounded-2xl bg-white shadow-md ring-1 ring-stone-200">
        <div className="flex items-baseline justify-between bg-stone-900 px-4 py-3 text-white">
          <span className="text-sm tracking-wide">{t('card.title')}</span>
          <span className="rounded-full bg-amber-300 px-2 py-0.5 text-xs font-bold text-stone-900" aria-label={t('card.tier')}>
            {data.tier.name}
          </span>
        </div>
        <div className="flex flex-col items-center bg-white py-3">
          <MemberBarcode
            memberNumber={data.memberNumber}
            symbology={data.symbology}
            label={t('card.barcodeLabel', { number: data.memberNumber })}
          />
          <p className="mt-1 text-xs text-stone-500">{t('card.scanHint')}</p>
        </div>
        <dl className="grid grid-cols-2 border-t border-stone-100 text-center">
          <div className="p-3">
            <dt className="text-xs text-stone-500">{t('card.points')}</dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="points-balance">
              {number(data.pointsBalance)}
              <span className="ml-1 text-sm font-normal">{t('card.pointsUnit')}</span>
            </dd>
          </div>
          <div className="border-l border-stone-100 p-3">
            <dt className="text-xs text-stone-500">{t('card.tier')}</dt>
            <dd className="text-lg font-semibold" data-testid="tier-name">
              {data.tier.name}
            </dd>
          </div>
        </dl>
        <p className="border-t border-stone-100 px-4 py-2 text-xs text-stone-500">
          {data.displayName ?? t('card.guest')}
        </p>
      </article>
    </section>
  );
}
