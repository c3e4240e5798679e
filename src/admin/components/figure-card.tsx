import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { downloadCsv, toCsv } from '../lib/csv';

export type CsvTable = { fileName: string; header: string[]; rows: (string | number)[][] };

/** One figure: a titled card, its loading/error state, and a CSV download of its table. */
export function FigureCard({ title, testId, csv, error, children }: { title: string; testId: string; csv?: CsvTable; error?: Error | null; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <header className="flex items-start justify-between gap-2">
        <h2 id={`${testId}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {csv && (
          <button type="button" className="shrink-0 rounded border border-stone-300 px-2 py-1 text-xs" onClick={() => downloadCsv(csv.fileName, toCsv(csv.header, csv.rows))}>
            {t('admin.csv')}
          </button>
        )}
      </header>
      {error ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-900">
          {t('admin.error', { message: error.message })}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p className="text-sm text-stone-500">{t('app.loading')}</p>;
}
