import { useState, type FormEvent } from 'react';
import { CreateCampaignRequestSchema } from '../../../../contract/campaigns';
import { useI18n } from '../../../lib/i18n';
import { addDays, todayJst } from '../../../lib/jst-days';
import { useCreateCampaign } from '../api/campaign-mutations';

/** A new link campaign: name, bonus points and its JST days. */
export function CampaignForm() {
  const { t } = useI18n();
  const today = todayJst();
  const [draft, setDraft] = useState({ name: '', bonusPoints: '300', startsOn: today, endsOn: addDays(today, 29) });
  const [invalid, setInvalid] = useState(false);
  const create = useCreateCampaign();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateCampaignRequestSchema.safeParse({ kind: 'link_bonus', ...draft, bonusPoints: Number(draft.bonusPoints) });
    setInvalid(!parsed.success);
    if (parsed.success) create.mutate(parsed.data, { onSuccess: () => setDraft((d) => ({ ...d, name: '' })) });
  };
  const field = 'rounded border border-stone-300 px-2 py-1 text-sm';
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="campaign-form-title">
      <h2 id="campaign-form-title" className="text-base font-semibold">
        {t('admin.campaigns.new')}
      </h2>
      <p className="text-sm text-stone-700">{t('admin.campaigns.explain')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs">
          {t('admin.campaigns.name')}
          <input className={field} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} maxLength={80} />
        </label>
        <label className="flex flex-col text-xs">
          {t('admin.campaigns.bonus')}
          <input className={field} type="number" min={1} max={10000} inputMode="numeric" value={draft.bonusPoints} onChange={(e) => setDraft({ ...draft, bonusPoints: e.target.value })} />
        </label>
        <label className="flex flex-col text-xs">
          {t('admin.campaigns.startsOn')}
          <input className={field} type="date" value={draft.startsOn} onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })} />
        </label>
        <label className="flex flex-col text-xs">
          {t('admin.campaigns.endsOn')}
          <input className={field} type="date" value={draft.endsOn} onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })} />
        </label>
        <button type="submit" className="rounded bg-emerald-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50" disabled={create.isPending}>
          {t('admin.campaigns.create')}
        </button>
      </div>
      {invalid && (
        <p role="alert" className="text-sm text-red-800">
          {t('admin.campaigns.invalid')}
        </p>
      )}
      {create.error && (
        <p role="alert" className="text-sm text-red-800">
          {'status' in create.error && create.error.status === 409 ? t('admin.campaigns.overlap') : t('admin.error', { message: create.error.message })}
        </p>
      )}
    </form>
  );
}
