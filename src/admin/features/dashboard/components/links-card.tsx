import { useQuery } from '@tanstack/react-query';
import type { DashboardRange } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { DailyChart } from '../../../components/daily-chart';
import { FigureCard } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

export function LinksCard({ range }: { range: DashboardRange }) {
  const { t, number } = useI18n();
  const links = useQuery(dashboardQueries.linksPerDay(range));
  return (
    <FigureCard
      title={t('admin.links.title')}
      testId="links-per-day"
      figure={links}
      range={range}
      csv={(data) => ({ header: [t('admin.day'), t('admin.links.links'), t('admin.links.incentive')], rows: data.days.map((d) => [d.day, d.links, d.incentiveGranted]) })}
    >
      {(data) => (
        <>
          <p className="text-2xl font-semibold">{t('admin.links.total', { count: number(data.totalLinks) })}</p>
          <DailyChart
            label={t('admin.links.title')}
            rows={data.days}
            series={[{ label: t('admin.links.links'), color: '#059669', value: (d) => d.links }]}
            shade={(d) => d.incentiveGranted > 0}
          />
          <p className="text-xs text-stone-600">
            <span className="mr-1 inline-block h-3 w-3 bg-amber-200 align-middle" />
            {t('admin.links.incentiveDays')}
          </p>
        </>
      )}
    </FigureCard>
  );
}
