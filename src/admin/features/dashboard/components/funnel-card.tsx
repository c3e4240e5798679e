import { useQuery } from '@tanstack/react-query';
import type { DashboardRange, Funnel } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { jstDayStart } from '../../../lib/jst-days';
import { dashboardQueries } from '../api/dashboard-queries';

/** LINE friends → card members → linked → profile complete → top tier, as bars against the friends. */
export function FunnelCard({ range }: { range: DashboardRange }) {
  const { t, number, date, locale } = useI18n();
  const funnel = useQuery(dashboardQueries.funnel(range));
  const stepsOf = (data: Funnel) => [
    { id: 'friends', label: t('admin.funnel.friends'), count: data.friends },
    { id: 'members', label: t('admin.funnel.members'), count: data.members },
    { id: 'linked', label: t('admin.funnel.linked'), count: data.linked },
    { id: 'profile', label: t('admin.funnel.profile'), count: data.profileComplete },
    { id: 'top-tier', label: t('admin.funnel.topTier', { tier: data.topTier.name }), count: data.topTier.members },
  ];
  const percent = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'percent', maximumFractionDigits: 1 });

  return (
    <FigureCard
      title={t('admin.funnel.title', { date: funnel.data ? date(jstDayStart(funnel.data.asOf)) : '…' })}
      testId="funnel"
      figure={funnel}
      // The funnel is a count at the range's end, so its file is named by that day.
      csv={(data) => ({ header: [t('admin.funnel.step'), t('admin.funnel.count')], rows: stepsOf(data).map((s) => [s.label, s.count]), period: data.asOf })}
    >
      {(data) => {
        const steps = stepsOf(data);
        const base = Math.max(1, data.friends, ...steps.map((s) => s.count));
        const ofFriends = (count: number) => (data.friends > 0 ? percent.format(count / data.friends) : '—');
        return (
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
                      {step.id !== 'friends' && <span className="text-xs text-stone-500">{t('admin.funnel.ofFriends', { percent: ofFriends(step.count) })}</span>}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      }}
    </FigureCard>
  );
}
