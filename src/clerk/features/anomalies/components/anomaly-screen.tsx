import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Anomaly } from '../../../../contract/staff';
import { useI18n } from '../../../lib/i18n';
import { refusalText } from '../../../../staff-kit/lib/refusal-text';
import { anomalyQueries } from '../api/anomaly-queries';

/** Managers: the day's register patterns at their store worth a look (admins: every store). */
export function AnomalyScreen() {
  const { t, yen, time } = useI18n();
  const [day, setDay] = useState<string | undefined>(undefined);
  const list = useQuery(anomalyQueries.forDay(day));

  const describe = (a: Anomaly) => {
    switch (a.kind) {
      case 'many_voids':
        return t('clerk.anomalies.manyVoids', { username: a.username, count: a.count, threshold: a.threshold });
      case 'many_purchases':
        return t('clerk.anomalies.manyPurchases', { member: a.memberNumber, count: a.count, amount: yen(a.amountYen), threshold: a.threshold });
      case 'near_limit':
        return t('clerk.anomalies.nearLimit', { member: a.memberNumber, receipt: a.receiptId, amount: yen(a.amountYen), limit: yen(a.limitYen), time: time(a.at) });
    }
  };

  return (
    <section aria-label={t('clerk.anomalies.title')} className="rounded-2xl bg-white p-4 shadow-sm">
      <h2 className="mb-2 text-lg font-semibold">{t('clerk.anomalies.title')}</h2>
      <label className="mb-3 flex items-center gap-2 text-sm">
        {t('clerk.anomalies.day')}
        <input
          type="date"
          className="rounded border border-stone-300 px-2 py-1"
          value={day ?? list.data?.day ?? ''}
          onChange={(e) => setDay(e.target.value || undefined)}
        />
      </label>
      {list.isError && (
        <p role="alert" className="text-red-900">
          {refusalText(list.error, t)}
        </p>
      )}
      {!list.data && !list.isError && <p className="text-stone-500">{t('app.loading')}</p>}
      {list.data && list.data.anomalies.length === 0 && <p>{t('clerk.anomalies.empty')}</p>}
      {list.data && list.data.anomalies.length > 0 && (
        <ul className="flex flex-col gap-1" data-testid="anomaly-list">
          {list.data.anomalies.map((a, i) => (
            <li key={`${a.kind}-${i}`} className="rounded-lg bg-amber-50 p-2 text-sm text-amber-950">
              {describe(a)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
