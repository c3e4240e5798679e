import { useState, type FormEvent } from 'react';
import { DashboardRangeSchema } from '../../../../contract/dashboard';
import { useI18n } from '../../../lib/i18n';
import { addDays, addMonths, todayJst } from '../../../lib/jst-days';
import { useRangeStore } from '../stores/range-store';

/** Two JST dates and a few presets; the figures follow once the range is valid. */
export function RangePicker() {
  const { t } = useI18n();
  const { range, setRange } = useRangeStore();
  const [draft, setDraft] = useState(range);
  const check = DashboardRangeSchema.safeParse(draft);
  const yesterday = addDays(todayJst(), -1);
  const presets = [
    { label: t('admin.range.last30'), from: addDays(yesterday, -29) },
    { label: t('admin.range.last90'), from: addDays(yesterday, -89) },
    { label: t('admin.range.last12m'), from: addDays(addMonths(yesterday, -12), 1) },
  ];
  const apply = (next: typeof range) => {
    setDraft(next);
    if (DashboardRangeSchema.safeParse(next).success) setRange(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 shadow-sm">
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-1 text-sm font-semibold">{t('admin.range.legend')}</legend>
        <label className="flex flex-col text-xs">
          {t('admin.range.from')}
          <input type="date" className="rounded border border-stone-300 px-2 py-1 text-sm" value={draft.from} onChange={(e) => apply({ ...draft, from: e.target.value })} />
        </label>
        <label className="flex flex-col text-xs">
          {t('admin.range.to')}
          <input type="date" className="rounded border border-stone-300 px-2 py-1 text-sm" value={draft.to} onChange={(e) => apply({ ...draft, to: e.target.value })} />
        </label>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        {presets.map((preset) => (
          <button key={preset.label} type="button" className="rounded-full border border-stone-300 px-3 py-1 text-xs" onClick={() => apply({ from: preset.from, to: yesterday })}>
            {preset.label}
          </button>
        ))}
      </div>
      {!check.success && (
        <p role="alert" className="w-full text-sm text-red-800">
          {t('admin.range.invalid')}
        </p>
      )}
    </form>
  );
}
