import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { LinkRequestSchema, type LinkResult } from '../../../../contract/link';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { ErrorPanel, Loading } from '../../../components/status';
import { errorMessageKey } from '../../../lib/error-text';
import { ApiError } from '../../../../shared/api/request';
import { linkQueries } from '../api/link-queries';
import { useLinkMembership } from '../api/link-membership';
import { LinkedCard } from './linked-card';

const REFUSALS = [
  'link_not_verified',
  'link_locked',
  'link_target_locked',
  'recovery_needs_phone',
  'already_linked',
  'member_already_linked',
  'recovery_needs_new_card',
  'crm_unavailable',
] as const;

type FactorKind = 'birthday' | 'phone' | 'birthday_and_phone';
const FACTOR_KINDS: FactorKind[] = ['birthday', 'phone', 'birthday_and_phone'];

/** What the last step did, shown above the form or the linked card until the next step. */
type Notice = { kind: 'linked'; result: LinkResult } | { kind: 'unlinked' };

export function LinkScreen() {
  const { t, number } = useI18n();
  const status = useQuery(linkQueries.status());
  // Kept here: after a link the status refetches and the form gives way to the linked view. An
  // unlink replaces it, so "linked, N pt moved over" never stays on screen over the form.
  const [notice, setNotice] = useState<Notice | null>(null);
  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorPanel error={status.error} onRetry={() => status.refetch()} />;
  const result = notice?.kind === 'linked' ? notice.result : null;
  return (
    <section aria-labelledby="link-title" className="space-y-6 px-4 py-4">
      <h2 id="link-title" className="text-base font-semibold">
        {t('link.title')}
      </h2>
      {result && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="link-result">
          {result.outcome === 'linked'
            ? t('link.result.linked', { transferred: number(result.transferredPoints), incentive: number(result.incentivePoints) })
            : t('link.result.recovered')}
          {result.outcome === 'linked' && result.campaignBonusPoints > 0 && (
            <>
              <br />
              {t('link.result.campaignBonus', { bonus: number(result.campaignBonusPoints) })}
            </>
          )}
        </p>
      )}
      {notice?.kind === 'unlinked' && !status.data.link && (
        <p role="status" className="rounded-lg bg-stone-100 p-3 text-sm" data-testid="unlink-result">
          {t('link.unlinked')}
        </p>
      )}
      {status.data.link ? (
        <LinkedCard number={status.data.link.crmMemberNumber} onUnlinked={() => setNotice({ kind: 'unlinked' })} />
      ) : (
        <LinkForm linkPoints={status.data.linkPoints} onLinked={(linked) => setNotice({ kind: 'linked', result: linked })} />
      )}
    </section>
  );
}

function LinkForm({ linkPoints, onLinked }: { linkPoints: number; onLinked: (result: LinkResult) => void }) {
  const { t, number, date, time } = useI18n();
  const link = useLinkMembership();
  const [memberNumber, setMemberNumber] = useState('');
  const [factorKind, setFactorKind] = useState<FactorKind>('birthday');
  const [birthday, setBirthday] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});

  function factor() {
    if (factorKind === 'birthday') return { kind: 'birthday' as const, birthday };
    if (factorKind === 'phone') return { kind: 'phone' as const, phone };
    return { kind: 'birthday_and_phone' as const, birthday, phone };
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const request = { memberNumber, factor: factor() };
    const parsed = LinkRequestSchema.safeParse(request);
    if (!parsed.success) {
      const next: Record<string, MessageKey> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'memberNumber' ? 'memberNumber' : issue.path[1] === 'phone' ? 'phone' : 'birthday';
        next[field] ??= issue.message as MessageKey;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    const linked = await link.mutateAsync(request).catch((error: unknown) => {
      // The card is held by another LINE account: moving it needs both details.
      if (error instanceof ApiError && error.code === 'recovery_needs_phone') setFactorKind('birthday_and_phone');
      return null;
    });
    if (linked) onLinked(linked);
  }

  const refusal = link.error instanceof ApiError && (REFUSALS as readonly string[]).includes(link.error.code) ? link.error : null;
  const retryAt = refusal?.fields.retryAt;
  const inputClass = 'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base';
  return (
    <div>
      <p className="text-sm text-stone-600">{t('link.intro', { points: number(linkPoints) })}</p>
      <p className="mt-2 text-xs text-stone-500">{t('link.recoverHint')}</p>
      {link.isError && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {refusal
            ? t(`link.error.${refusal.code}` as MessageKey, { time: retryAt ? `${date(retryAt)} ${time(retryAt)}` : '' })
            : t(errorMessageKey(link.error, 'app.error.actionFailed'))}
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
        <label className="block">
          <span className="text-sm font-medium">{t('link.memberNumber')}</span>
          <input
            name="memberNumber"
            inputMode="numeric"
            value={memberNumber}
            aria-invalid={errors.memberNumber ? true : undefined}
            onChange={(e) => setMemberNumber(e.target.value)}
            className={inputClass}
          />
        </label>
        {errors.memberNumber && <span className="-mt-3 block text-xs text-red-700">{t(errors.memberNumber)}</span>}
        <fieldset>
          <legend className="text-sm font-medium">{t('link.factor')}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {FACTOR_KINDS.map((kind) => (
              <label key={kind} className="flex items-center gap-1">
                <input type="radio" name="factorKind" checked={factorKind === kind} onChange={() => setFactorKind(kind)} />
                {t(`link.factor.${kind}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {factorKind !== 'phone' && (
          <label className="block">
            <span className="text-sm font-medium">{t('link.factor.birthday')}</span>
            <input
              name="birthday"
              type="date"
              value={birthday}
              aria-invalid={errors.birthday ? true : undefined}
              onChange={(e) => setBirthday(e.target.value)}
              className={inputClass}
            />
          </label>
        )}
        {factorKind !== 'phone' && errors.birthday && <span className="-mt-3 block text-xs text-red-700">{t(errors.birthday)}</span>}
        {factorKind !== 'birthday' && (
          <label className="block">
            <span className="text-sm font-medium">{t('link.factor.phone')}</span>
            <input
              name="phone"
              type="tel"
              autoComplete="tel"
              value={phone}
              aria-invalid={errors.phone ? true : undefined}
              onChange={(e) => setPhone(e.target.value)}
              className={inputClass}
            />
          </label>
        )}
        {factorKind !== 'birthday' && errors.phone && <span className="-mt-3 block text-xs text-red-700">{t(errors.phone)}</span>}
        <button type="submit" disabled={link.isPending} className="w-full rounded-xl bg-stone-900 py-3 font-semibold text-white disabled:opacity-50">
          {t('link.submit')}
        </button>
      </form>
    </div>
  );
}
