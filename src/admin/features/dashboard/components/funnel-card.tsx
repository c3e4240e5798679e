import { useQuery } from '@tanstack/react-query';
import type { DashboardRange } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { FigureCard, Loading } from '../../../components/figure-card';
import { jstDayStart } from '../../../lib/jst-days';
import { dashboardQueries } from '../api/dashboard-queries';

/** LINE friends → card members → linked → profile complete → top tier, as bars against the friends. */
export function FunnelCard({ range }: { range: DashboardRange }) {
  const { t, number, date, locale } = useI18n();
  const funnel = useQuery(dashboardQueries.funnel(range));
  const data = funnel.data;
  const steps = data
    ? [
        { id: 'friends', label: t('admin.funnel.friends'), count: data.friends },
        { id: 'members', label: t('admin.funnel.members'), count: data.members },
        { id: 'linked', label: t('admin.funnel.linked'), count: data.linked },
        { id: 'profile', label: t('admin.funnel.profile'), count: data.profileComplete },
        { id: 'top-tier', label: t('admin.funnel.topTier', { tier: data.topTier.name }), count: data.topTier.members },
      ]
    : [];
  const base = Math.max(1, data?.friends ?? 0, ...steps.map((s) => s.count));
  const percent = (count: number) =>
    data && data.friends > 0 ? new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'percent', maximumFractionDigits: 1 }).format(count / data.friends) : '—';

  return (
    <FigureCard
      title={t('admin.funnel.title', { date: data ? date(jstDayStart(data.asOf)) : '…' })}
      testId="funnel"
      error={funnel.error}
      csv={data && { fileName: `funnel-${data.asOf}.csv`, header: [t('admin.funnel.step'), t('admin.funnel.count')], rows: steps.map((s) => [s.label, s.count]) }}
    >
      {!data ? (
        <Loading />
      ) : (
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>{t('admin.funnel.step')}</th>
              <th>{t('admin.funnel.count')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={step.id} data-testid={`funnel-${step.id}`}>
                <th scope="row" className="w-40 py-1 pr-2 text-left font-normal">
                  {step.label}
                </th>
                <td className="py-1">
                  <div className="flex items-center gap-2">
                    <div className="h-5 rounded bg-emerald-600" style={{ width: `${(step.count / base) * 70}%`, minWidth: 2 }} />
                    <span className="font-semibold">{number(step.count)}</span>
                    {step.id !== 'friends' && <span className="text-xs text-stone-500">{t('admin.funnel.ofFriends', { percent: percent(step.count) })}</span>}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </FigureCard>
  );
}
