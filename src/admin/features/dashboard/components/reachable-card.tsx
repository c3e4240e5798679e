import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

/** Pushes (expiring points, coupons, tier news) reach friends of the Official Account only: how many members that is now. */
export function ReachableCard() {
  const { t, number } = useI18n();
  const reachable = useQuery(dashboardQueries.reachable());
  return (
    <FigureCard title={t('admin.reachable.title')} testId="reachable" figure={reachable}>
      {(data) => (
        <div className="flex flex-col gap-1">
          <p className="text-3xl font-bold tabular-nums" data-testid="reachable-count">
            {number(data.reachable)}
          </p>
          <p className="text-xs text-stone-600">{t('admin.reachable.detail', { members: number(data.members) })}</p>
          <p className="text-xs text-stone-600">{t('admin.reachable.unreachable', { count: number(data.members - data.reachable) })}</p>
        </div>
      )}
    </FigureCard>
  );
}
