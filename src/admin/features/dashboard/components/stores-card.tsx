import { useQuery } from '@tanstack/react-query';
import type { DashboardRange } from '../../../../contract/dashboard';
import type { LocalisedText } from '../../../../contract/localised';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { dashboardQueries } from '../api/dashboard-queries';

export function StoresCard({ range }: { range: DashboardRange }) {
  const { t, number, yen, localised } = useI18n();
  const nameOf = (store: { storeId: string; storeName: LocalisedText | null }) => (store.storeName ? localised(store.storeName) : store.storeId);
  const stores = useQuery(dashboardQueries.stores(range));
  return (
    <FigureCard
      title={t('admin.stores.title')}
      testId="stores"
      figure={stores}
      range={range}
      csv={(data) => ({
        header: [t('admin.stores.store'), t('admin.stores.purchases'), t('admin.stores.spend'), t('admin.stores.shoppers')],
        rows: data.stores.map((s) => [nameOf(s), s.purchases, s.spendYen, s.shoppers]),
      })}
      isEmpty={(data) => data.stores.length === 0}
    >
      {(data) => {
        const max = Math.max(1, ...data.stores.map((s) => s.spendYen));
        return (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-stone-500">
                <th className="font-normal">{t('admin.stores.store')}</th>
                <th className="text-right font-normal">{t('admin.stores.purchases')}</th>
                <th className="text-right font-normal">{t('admin.stores.shoppers')}</th>
                <th className="pl-3 font-normal">{t('admin.stores.spend')}</th>
              </tr>
            </thead>
            <tbody>
              {data.stores.map((s) => (
                <tr key={s.storeId} className="border-t border-stone-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {nameOf(s)}
                  </th>
                  <td className="text-right">{number(s.purchases)}</td>
                  <td className="text-right">{number(s.shoppers)}</td>
                  <td className="pl-3">
                    <div className="flex items-center gap-2">
                      <div className="h-2.5 rounded bg-stone-700" style={{ width: `${(s.spendYen / max) * 60}%`, minWidth: 2 }} />
                      <span>{yen(s.spendYen)}</span>
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
