import { useQuery } from '@tanstack/react-query';
import type { PointsHistoryItem } from '../../../../contract/points';
import { jstMonthKey } from '../../../../shared/i18n';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n } from '../../../lib/i18n';
import { pointsQueries } from '../api/points-queries';

/** History entries (newest first) in runs of one JST month each. */
function byMonth(history: PointsHistoryItem[]): Array<{ month: string; items: PointsHistoryItem[] }> {
  const groups: Array<{ month: string; items: PointsHistoryItem[] }> = [];
  for (const item of history) {
    const month = jstMonthKey(new Date(item.at));
    const last = groups.at(-1);
    if (last?.month === month) last.items.push(item);
    else groups.push({ month, items: [item] });
  }
  return groups;
}

export function PointsScreen() {
  const { t, number, date, month } = useI18n();
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
        <p className="text-xs text-stone-600">{t('points.balance')}</p>
        <p className="text-3xl font-bold tabular-nums" data-testid="points-overview-balance">
          {number(balance)} <span className="text-base font-normal">{t('card.pointsUnit')}</span>
        </p>
      </div>

      <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h3 className="mb-2 text-sm font-semibold">{t('points.expiries')}</h3>
        {upcomingExpiries.length === 0 ? (
          <p className="text-sm text-stone-600">{t('points.noExpiries')}</p>
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
          <p className="text-sm text-stone-600">{t('points.noHistory')}</p>
        ) : (
          byMonth(history).map((group) => {
            const heading = month(group.items[0]!.at);
            return (
              <section key={group.month} aria-label={t('points.month', { month: heading })} className="mt-2 first:mt-0">
                <h4 className="sticky top-0 bg-white py-1 text-xs font-semibold text-stone-600">{heading}</h4>
                <ul className="divide-y divide-stone-100" aria-label={t('points.month', { month: heading })}>
                  {group.items.map((item) => (
                    <HistoryRow key={item.id} item={item} />
                  ))}
                </ul>
              </section>
            );
          })
        )}
      </div>
    </section>
  );
}

function HistoryRow({ item }: { item: PointsHistoryItem }) {
  const { t, number, date, time, yen, localised } = useI18n();
  const sign = item.points > 0 ? '+' : '';
  const details = [
    `${date(item.at)} ${time(item.at)}`,
    item.storeName && localised(item.storeName),
    item.amountYen !== null && t('points.purchaseAmount', { amount: yen(item.amountYen) }),
  ].filter(Boolean);
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm" data-testid="points-history-row">
      <div>
        <p className="font-medium">{t(`points.label.${item.label}`)}</p>
        <p className="text-xs text-stone-600">{details.join(' · ')}</p>
        {item.voidedPurchase && (
          <p className="text-xs text-stone-600">
            {t('points.voidOf', { date: date(item.voidedPurchase.at), amount: yen(item.voidedPurchase.amountYen), receipt: item.voidedPurchase.receiptId })}
          </p>
        )}
      </div>
      <span className={`shrink-0 font-semibold tabular-nums ${item.points < 0 ? 'text-stone-600' : 'text-emerald-700'}`}>
        {sign}
        {number(item.points)} {t('card.pointsUnit')}
      </span>
    </li>
  );
}
