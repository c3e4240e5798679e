import { useQuery } from '@tanstack/react-query';
import type { DashboardRange } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { DailyChart } from '../../../components/daily-chart';
import { FigureCard, Loading } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

export function BlocksCard({ range }: { range: DashboardRange }) {
  const { t, number, locale } = useI18n();
  const blocks = useQuery(dashboardQueries.blocksPerDay(range));
  const data = blocks.data;
  const rate = data && new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'percent', maximumFractionDigits: 1 }).format(data.blockRate);
  return (
    <FigureCard
      title={t('admin.blocks.title')}
      testId="blocks-per-day"
      error={blocks.error}
      csv={
        data && {
          fileName: `blocks-per-day-${range.from}-${range.to}.csv`,
          header: [t('admin.day'), t('admin.blocks.follows'), t('admin.blocks.blocks')],
          rows: data.days.map((d) => [d.day, d.follows, d.blocks]),
        }
      }
    >
      {!data ? (
        <Loading />
      ) : (
        <>
          <p>
            <span className="mr-2 text-sm">{t('admin.blocks.rate')}</span>
            <span className="text-2xl font-semibold" data-testid="block-rate">
              {rate}
            </span>
          </p>
          <p className="text-xs text-stone-600">{t('admin.blocks.rateDetail', { start: number(data.friendsAtStart), follows: number(data.follows), blocks: number(data.blocks) })}</p>
          <DailyChart
            label={t('admin.blocks.title')}
            rows={data.days}
            series={[
              { label: t('admin.blocks.follows'), color: '#059669', value: (d) => d.follows },
              { label: t('admin.blocks.blocks'), color: '#dc2626', value: (d) => d.blocks },
            ]}
          />
        </>
      )}
    </FigureCard>
  );
}
