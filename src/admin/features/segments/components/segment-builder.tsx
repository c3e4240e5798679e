import { useDeferredValue, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SegmentFilterSchema, type Segment, type SegmentFilter } from '../../../../contract/segments';
import { useI18n } from '../../../lib/i18n';
import { saveSegment, segmentQueries } from '../api/segment-queries';

const field = 'rounded border border-stone-300 px-2 py-1 text-sm';

function Choice({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange: (value: string) => void }) {
  return (
    <label className="flex flex-col text-xs">
      {label}
      <select className={field} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const boolOf = (value: string) => (value === '' ? undefined : value === 'true');
const boolValue = (value: boolean | undefined) => (value === undefined ? '' : String(value));

/** Drops the conditions left at "any", so the filter says only what was chosen. */
function compact(filter: SegmentFilter): SegmentFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== '')) as SegmentFilter;
}

/** A segment's name and filter, with its size counted live as the conditions change. */
export function SegmentBuilder({ editing, justSaved, onSaved }: { editing: Segment | null; justSaved: boolean; onSaved: (segment: Segment) => void }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(editing?.name ?? '');
  const [filter, setFilter] = useState<SegmentFilter>(editing?.filter ?? {});
  const options = useQuery(segmentQueries.options());
  const valid = SegmentFilterSchema.safeParse(compact(filter));
  const deferred = useDeferredValue(valid.success ? valid.data : null);
  const count = useQuery({ ...segmentQueries.count(deferred ?? {}), enabled: deferred !== null });
  const save = useMutation({
    mutationFn: (asNew: boolean) => saveSegment({ name, filter: compact(filter) }, asNew ? undefined : editing?.id),
    onSuccess: async (segment) => {
      await queryClient.invalidateQueries({ queryKey: segmentQueries.all() });
      onSaved(segment);
    },
  });
  const set = (patch: Partial<SegmentFilter>) => setFilter((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(false);
  };
  const any: [string, string] = ['', t('seg.builder.any')];
  const yesNo: [string, string][] = [any, ['true', t('seg.builder.yes')], ['false', t('seg.builder.no')]];
  const stores = options.data?.stores ?? [];
  const tiers = options.data?.tiers ?? [];
  let status: ReactNode = t('seg.count.loading');
  if (count.data) status = t('seg.count', { count: count.data.members });

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="segment-builder-title">
      <h2 id="segment-builder-title" className="text-base font-semibold">
        {t('seg.builder.title')}
      </h2>
      <label className="flex flex-col text-xs">
        {t('seg.builder.name')}
        <input className={field} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} required />
      </label>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <Choice
          label={t('seg.filter.linked')}
          value={boolValue(filter.linked)}
          options={[any, ['true', t('seg.filter.linked.yes')], ['false', t('seg.filter.linked.no')]]}
          onChange={(v) => set({ linked: boolOf(v) })}
        />
        <Choice
          label={t('seg.filter.tier')}
          value={filter.tiers?.[0] ?? ''}
          options={[any, ...tiers.map((tier): [string, string] => [tier.id, tier.name])]}
          onChange={(v) => set({ tiers: v ? [v] : undefined })}
        />
        <label className="flex flex-col text-xs">
          {t('seg.filter.expiring')}
          <input type="date" className={field} value={filter.pointsExpiringBefore ?? ''} onChange={(e) => set({ pointsExpiringBefore: e.target.value || undefined })} />
        </label>
        <Choice
          label={t('seg.filter.birthdayMonth')}
          value={filter.birthdayMonth ? String(filter.birthdayMonth) : ''}
          options={[any, ...Array.from({ length: 12 }, (_, i): [string, string] => [String(i + 1), locale === 'ja' ? `${i + 1}月` : new Date(2020, i, 1).toLocaleString('en', { month: 'long' })])]}
          onChange={(v) => set({ birthdayMonth: v ? Number(v) : undefined })}
        />
        <label className="flex flex-col text-xs">
          {t('seg.filter.lastPurchase')}
          <input
            type="number"
            min={1}
            max={3650}
            className={field}
            value={filter.lastPurchaseOlderThanDays ?? ''}
            onChange={(e) => set({ lastPurchaseOlderThanDays: e.target.value ? Number(e.target.value) : undefined })}
          />
        </label>
        <Choice
          label={t('seg.filter.store')}
          value={filter.purchasedAtStore ?? ''}
          options={[any, ...stores.map((store): [string, string] => [store.id, store.name[locale]])]}
          onChange={(v) => set({ purchasedAtStore: v || undefined })}
        />
        <Choice label={t('seg.filter.profile')} value={boolValue(filter.profileCompleted)} options={yesNo} onChange={(v) => set({ profileCompleted: boolOf(v) })} />
        <Choice
          label={t('seg.filter.friendship')}
          value={filter.friendship ?? ''}
          options={[any, ['friend', t('seg.filter.friendship.friend')], ['blocked', t('seg.filter.friendship.blocked')]]}
          onChange={(v) => set({ friendship: v === 'friend' || v === 'blocked' ? v : undefined })}
        />
        <Choice label={t('seg.filter.consent')} value={boolValue(filter.marketingConsent)} options={yesNo} onChange={(v) => set({ marketingConsent: boolOf(v) })} />
      </div>
      <p className="text-lg font-semibold" aria-live="polite" data-testid="segment-count">
        {status}
      </p>
      {save.error && (
        <p role="alert" className="text-sm text-red-800">
          {t('admin.error', { message: save.error.message })}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="rounded-full bg-emerald-700 px-4 py-1.5 text-sm text-white" disabled={save.isPending || !valid.success}>
          {t('seg.save')}
        </button>
        {editing && (
          <button type="button" className="rounded-full border border-stone-300 px-4 py-1.5 text-sm" onClick={() => save.mutate(true)} disabled={save.isPending}>
            {t('seg.saveAsNew')}
          </button>
        )}
        {(save.isSuccess || justSaved) && <span className="self-center text-sm text-emerald-800">{t('seg.saved')}</span>}
      </div>
    </form>
  );
}
