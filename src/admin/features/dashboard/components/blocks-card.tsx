import { useQuery } from '@tanstack/react-query';
import type { DashboardRange } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { DailyChart } from '../../../components/daily-chart';
import { FigureCard } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

export function BlocksCard({ range }: { range: DashboardRange }) {
  const { t, number, locale } = useI18n();
  const blocks = useQuery(dashboardQueries.blocksPerDay(range));
  const percent = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'percent', maximumFractionDigits: 1 });
  return (
    <FigureCard
      title={t('admin.blocks.title')}
      testId="blocks-per-day"
      figure={blocks}
      range={range}
      csv={(data) => ({ header: [t('admin.day'), t('admin.blocks.follows'), t('admin.blocks.blocks')], rows: data.days.map((d) => [d.day, d.follows, d.blocks]) })}
    >
      {(data) => (
        <>
          <p>
            <span className="text-sm">{t('admin.blocks.rate')}</span>{' '}
            <span className="text-2xl font-semibold" data-testid="block-rate">
              {percent.format(data.blockRate)}
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
