import type { ReactNode } from 'react';
import type { DashboardRange } from '../../contract/dashboard';
import { useI18n } from '../lib/i18n';
import { downloadCsv, toCsv } from '../lib/csv';

/** A figure's table as CSV; `period` (what the rows cover) goes into the file name, the card's range unless given. */
export type CsvTable = { header: string[]; rows: (string | number)[][]; period?: string };

const csvFileName = (name: string, period: string | undefined) => (period ? `${name}-${period}.csv` : `${name}.csv`);

/**
 * One figure: a titled card with its loading, error and empty states and a CSV download of its
 * table; the figure's own view is `children`, drawn once the data is there. `testId` names the
 * card for tests and the CSV file.
 */
export function FigureCard<T>({
  title,
  testId,
  figure,
  range,
  csv,
  isEmpty,
  children,
}: {
  title: string;
  testId: string;
  figure: { data: T | undefined; error: Error | null };
  range?: DashboardRange;
  csv?: (data: T) => CsvTable;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  const { data, error } = figure;
  const table = csv && data !== undefined ? csv(data) : undefined;
  return (
    <section className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <header className="flex items-start justify-between gap-2">
        <h2 id={`${testId}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {table && (
          <button
            type="button"
            className="shrink-0 rounded border border-stone-300 px-2 py-1 text-xs"
            onClick={() => downloadCsv(csvFileName(testId, table.period ?? (range && `${range.from}-${range.to}`)), toCsv(table.header, table.rows))}
          >
            {t('admin.csv')}
          </button>
        )}
      </header>
      {error ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-900">
          {t('admin.error', { message: error.message })}
        </p>
      ) : data === undefined ? (
        <p className="text-sm text-stone-500">{t('app.loading')}</p>
      ) : isEmpty?.(data) ? (
        <p className="text-sm text-stone-500">{t('admin.empty')}</p>
      ) : (
        children(data)
      )}
    </section>
  );
}
