import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n } from '../../../lib/i18n';
import { stampQueries } from '../api/stamp-queries';

export function StampCardScreen() {
  const { t, yen, date, localised } = useI18n();
  const card = useQuery(stampQueries.card());
  if (card.isPending) return <Loading />;
  if (card.isError) return <ErrorPanel error={card.error} onRetry={() => card.refetch()} />;
  const { cardSize, stamps, completedCards, minPurchaseYen, reward, rewardWaiting } = card.data;

  return (
    <section aria-labelledby="stamps-title" className="px-3 py-4">
      {rewardWaiting && (
        <div role="status" className="mb-3 rounded-2xl bg-gradient-to-br from-amber-300 to-rose-300 p-4 text-center shadow-sm" data-testid="stamp-celebration">
          <p className="text-3xl" aria-hidden>
            🎉
          </p>
          <p className="text-lg font-bold">{t('stamps.celebration')}</p>
          <p className="mt-1 text-sm">{t('stamps.celebrationReward', { title: localised(rewardWaiting.title), date: date(rewardWaiting.validUntil) })}</p>
          <Link href={`/coupons/${rewardWaiting.id}`} className="mt-3 inline-block rounded-full bg-stone-900 px-5 py-2 text-sm font-semibold text-white">
            {t('stamps.celebrationLink')}
          </Link>
        </div>
      )}
      <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <div className="flex items-baseline justify-between">
          <h2 id="stamps-title" className="text-base font-semibold">
            {t('stamps.title')}
          </h2>
          <span className="text-sm tabular-nums" data-testid="stamp-progress">
            {t('stamps.progress', { count: stamps.length, size: cardSize })}
          </span>
        </div>
        <ol className="mt-4 grid grid-cols-5 gap-3" aria-label={t('stamps.title')}>
          {Array.from({ length: cardSize }, (_, index) => {
            const stamp = stamps[index];
            const isRewardSlot = index === cardSize - 1;
            return (
              <li
                key={index}
                aria-label={stamp ? t('stamps.slotFilled', { n: index + 1, date: date(stamp.at) }) : t('stamps.slot', { n: index + 1 })}
                data-filled={stamp ? 'true' : 'false'}
                className={`flex aspect-square items-center justify-center rounded-full border-2 text-xs font-bold ${
                  stamp ? 'border-rose-600 bg-rose-600 text-white' : 'border-dashed border-stone-400 text-stone-600'
                } ${isRewardSlot && !stamp ? 'border-amber-500 text-amber-800' : ''}`}
              >
                {stamp ? '★' : isRewardSlot ? '🎁' : index + 1}
              </li>
            );
          })}
        </ol>
        <p className="mt-4 text-sm">{t('stamps.reward', { title: localised(reward.title) })}</p>
        <p className="mt-1 text-xs text-stone-500">{t('stamps.rule', { amount: yen(minPurchaseYen) })}</p>
        <p className="mt-1 text-xs text-stone-500">{t('stamps.completed', { count: completedCards })}</p>
      </div>
    </section>
  );
}
