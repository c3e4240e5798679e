import { useQuery } from '@tanstack/react-query';
import type { DashboardRange } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

/** Issued vs redeemed per kind as paired bars against the largest count. */
export function CouponsCard({ range }: { range: DashboardRange }) {
  const { t, number } = useI18n();
  const coupons = useQuery(dashboardQueries.coupons(range));
  return (
    <FigureCard
      title={t('admin.coupons.title')}
      testId="coupons"
      figure={coupons}
      range={range}
      csv={(data) => ({
        header: [t('admin.coupons.kind'), t('admin.coupons.issued'), t('admin.coupons.redeemed')],
        rows: data.kinds.map((k) => [t(`admin.coupons.kind.${k.kind}`), k.issued, k.redeemed]),
      })}
    >
      {(data) => {
        const max = Math.max(1, ...data.kinds.flatMap((k) => [k.issued, k.redeemed]));
        return (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-stone-500">
                <th className="font-normal">{t('admin.coupons.kind')}</th>
                <th className="font-normal">
                  <span className="mr-1 inline-block h-2 w-3 bg-sky-600" />
                  {t('admin.coupons.issued')} / <span className="mr-1 inline-block h-2 w-3 bg-emerald-600" />
                  {t('admin.coupons.redeemed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.kinds.map((k) => (
                <tr key={k.kind}>
                  <th scope="row" className="w-28 py-1 text-left font-normal">
                    {t(`admin.coupons.kind.${k.kind}`)}
                  </th>
                  <td className="py-1">
                    {[
                      { value: k.issued, color: 'bg-sky-600' },
                      { value: k.redeemed, color: 'bg-emerald-600' },
                    ].map((bar, index) => (
                      <div key={index} className="flex items-center gap-2">
                        <div className={`h-2.5 rounded ${bar.color}`} style={{ width: `${(bar.value / max) * 70}%`, minWidth: 2 }} />
                        <span className="text-xs">{number(bar.value)}</span>
                      </div>
                    ))}
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
