import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { auditQueries } from '../api/audit-queries';
import { auditAction, auditDetail } from './audit-words';

/** Manager: own store's entries; admin: every store. The BFF decides which. */
export function AuditScreen() {
  const words = useI18n();
  const { t, date, time, localised } = words;
  const audit = useQuery(auditQueries.recent());
  if (audit.isError) return <p role="alert" className="p-4 text-red-900">{audit.error.message}</p>;
  if (!audit.data) return <p className="p-4 text-stone-600">{t('app.loading')}</p>;
  if (audit.data.entries.length === 0) return <p className="p-4">{t('clerk.audit.empty')}</p>;
  return (
    <section aria-label={t('clerk.audit.title')} className="overflow-x-auto rounded-2xl bg-white p-4 shadow-sm">
      <h2 className="mb-2 text-lg font-semibold">{t('clerk.audit.title')}</h2>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b text-stone-600">
            <th className="p-1">{t('clerk.audit.when')}</th>
            <th className="p-1">{t('clerk.audit.who')}</th>
            <th className="p-1">{t('clerk.audit.store')}</th>
            <th className="p-1">{t('clerk.audit.member')}</th>
            <th className="p-1">{t('clerk.audit.action')}</th>
            <th className="p-1">{t('clerk.audit.result')}</th>
            <th className="p-1">{t('clerk.audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {audit.data.entries.map((entry) => (
            <tr key={entry.id} className="border-b border-stone-100 align-top" data-testid="audit-row">
              <td className="p-1 whitespace-nowrap tabular-nums">
                {date(entry.at)} {time(entry.at)}
              </td>
              <td className="p-1">{entry.username}</td>
              <td className="p-1">{entry.storeName ? localised(entry.storeName) : (entry.storeId ?? '—')}</td>
              <td className="p-1 font-mono">{entry.memberNumber ?? '—'}</td>
              <td className="p-1">{auditAction(entry, words)}</td>
              <td className={`p-1 ${entry.result === 'ok' ? 'text-emerald-800' : 'font-semibold text-red-800'}`}>
                {entry.result === 'ok' ? t('clerk.audit.ok') : t('clerk.audit.refused')}
              </td>
              <td className="p-1">{auditDetail(entry, words)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
