import { useQuery } from '@tanstack/react-query';
import type { PointsHistoryItem } from '../../../../contract/points';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { pointsQueries } from '../api/points-queries';

export function PointsScreen() {
  const { t, number, date } = useI18n();
  const overview = useQuery(pointsQueries.overview());
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorPanel error={overview.error} onRetry={() => overview.refetch()} />;
  const { balance, upcomingExpiries, history } = overview.data;

  return (
    <section aria-labelledby="points-title" className="space-y-4 px-3 py-4">
      <h2 id="points-title" className="sr-only">
        {t('points.title')}
      </h2>
      <div className="rounded-2xl bg-white p-4 text-center shadow-sm ring-1 ring-stone-200">
        <p className="text-xs text-stone-500">{t('points.balance')}</p>
        <p className="text-3xl font-bold tabular-nums" data-testid="points-overview-balance">
          {number(balance)} <span className="text-base font-normal">{t('card.pointsUnit')}</span>
        </p>
      </div>

      <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h3 className="mb-2 text-sm font-semibold">{t('points.expiries')}</h3>
        {upcomingExpiries.length === 0 ? (
          <p className="text-sm text-stone-500">{t('points.noExpiries')}</p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label={t('points.expiries')}>
            {upcomingExpiries.map((expiry) => (
              <li key={expiry.expiresAt} className="flex justify-between py-2 text-sm">
                <span>{t('points.expiryRow', { date: date(expiry.expiresAt) })}</span>
                <span className="font-semibold tabular-nums">
                  {number(expiry.points)} {t('card.pointsUnit')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h3 className="mb-2 text-sm font-semibold">{t('points.history')}</h3>
        {history.length === 0 ? (
          <p className="text-sm text-stone-500">{t('points.noHistory')}</p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label={t('points.history')}>
            {history.map((item) => (
              <HistoryRow key={item.id} item={item} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function HistoryRow({ item }: { item: PointsHistoryItem }) {
  const { t, number, date, yen } = useI18n();
  const sign = item.points > 0 ? '+' : '';
  return (
    <li className="flex items-center justify-between py-2 text-sm">
      <div>
        <p className="font-medium">{t(`points.kind.${item.kind}` as MessageKey)}</p>
        <p className="text-xs text-stone-500">
          {date(item.at)}
          {item.storeName && ` · ${item.storeName}`}
          {item.amountYen !== null && ` · ${t('points.purchaseAmount', { amount: yen(item.amountYen) })}`}
        </p>
      </div>
      <span className={`font-semibold tabular-nums ${item.points < 0 ? 'text-stone-500' : 'text-emerald-700'}`}>
        {sign}
        {number(item.points)} {t('card.pointsUnit')}
      </span>
    </li>
  );
}
