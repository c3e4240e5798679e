import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

/** Points members hold now, in points and yen, and next month's expiry; not tied to the range. */
export function PointsCard() {
  const { t, number, yen } = useI18n();
  const liability = useQuery(dashboardQueries.pointsLiability());
  return (
    <FigureCard
      title={t('admin.points.title')}
      testId="points-liability"
      figure={liability}
      csv={(data) => ({
        header: ['', 'pt', 'JPY'],
        rows: [
          [t('admin.points.outstanding'), data.outstandingPoints, data.liabilityYen],
          [t('admin.points.expiring', { month: data.expiringNextMonth.month }), data.expiringNextMonth.points, data.expiringNextMonth.yen],
        ],
      })}
    >
      {(data) => (
        <dl className="grid grid-cols-2 gap-3">
          <div>
            <dt className="text-xs text-stone-500">{t('admin.points.outstanding')}</dt>
            <dd className="text-2xl font-semibold">{number(data.outstandingPoints)} pt</dd>
          </div>
          <div>
            <dt className="text-xs text-stone-500">{t('admin.points.liability', { yen: yen(data.pointValueYen) })}</dt>
            <dd className="text-2xl font-semibold">{yen(data.liabilityYen)}</dd>
          </div>
          <div className="col-span-2">
            <dt className="text-xs text-stone-500">{t('admin.points.expiring', { month: data.expiringNextMonth.month })}</dt>
            <dd className="text-lg font-semibold">
              {number(data.expiringNextMonth.points)} pt（{yen(data.expiringNextMonth.yen)}）
            </dd>
          </div>
        </dl>
      )}
    </FigureCard>
  );
}
