import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ProfileInputSchema, type ProfileInput, type ProfileView, type SaveProfileResponse } from '../../../../contract/profile';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { ErrorPanel, Loading } from '../../../components/status';
import { ApiError } from '../../../../shared/api/request';
import { profileQueries } from '../api/profile-queries';
import { useSaveProfile } from '../api/save-profile';
import { fieldErrors } from './field-errors';

export function ProfileScreen() {
  const profile = useQuery(profileQueries.detail());
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorPanel error={profile.error} onRetry={() => profile.refetch()} />;
  return <ProfileForm view={profile.data} />;
}

type TextField = 'fullName' | 'kana' | 'birthday' | 'phone' | 'email' | 'postalCode';
/** The form's own state: the terms box may be unticked here; the contract then refuses it. */
type FormValues = Omit<ProfileInput, 'termsAccepted'> & { termsAccepted: boolean };

function ProfileForm({ view }: { view: ProfileView }) {
  const { t, number } = useI18n();
  const save = useSaveProfile();
  const [values, setValues] = useState<FormValues>({
    fullName: view.profile?.fullName ?? '',
    kana: view.profile?.kana ?? '',
    birthday: view.profile?.birthday ?? '',
    phone: view.profile?.phone ?? '',
    email: view.profile?.email ?? '',
    postalCode: view.profile?.postalCode ?? '',
    marketingConsent: view.profile?.marketingConsent ?? true,
    termsAccepted: view.completed,
  });
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [saved, setSaved] = useState<SaveProfileResponse | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const parsed = ProfileInputSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    try {
      setSaved(await save.mutateAsync(parsed.data));
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(error.fields as Record<string, MessageKey>);
    }
  }

  const text = (name: TextField, label: MessageKey, props: { type?: string; inputMode?: 'tel' | 'email' | 'numeric'; autoComplete?: string; disabled?: boolean; hint?: ReactNode } = {}) => (
    <div>
      <label className="block">
        <span className="text-sm font-medium">{t(label)}</span>
        <input
          name={name}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          disabled={props.disabled}
          value={values[name]}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? `${name}-error` : undefined}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base disabled:bg-stone-100"
        />
      </label>
      {/* Hints and errors sit outside the label, so the field's accessible name stays its label. */}
      {props.hint}
      {errors[name] && (
        <span id={`${name}-error`} className="mt-1 block text-xs text-red-700">
          {t(errors[name])}
        </span>
      )}
    </div>
  );

  return (
    <section aria-labelledby="profile-title" className="px-4 py-4">
      <h2 id="profile-title" className="text-base font-semibold">
        {t('profile.title')}
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        {view.completed || view.completionPoints === 0 ? t('profile.introDone') : t('profile.intro', { points: number(view.completionPoints) })}
      </p>
      {saved && (
        <div role="status" className="mt-3 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
          <p>{t('profile.saved')}</p>
          {saved.pointsAwarded > 0 && <p>{t('profile.awarded', { points: number(saved.pointsAwarded) })}</p>}
          {saved.birthdayCouponIssued && (
            <p>
              {t('profile.birthdayCoupon')}{' '}
              <Link href="/coupons" className="font-semibold underline">
                {t('profile.toCoupons')}
              </Link>
            </p>
          )}
        </div>
      )}
      {save.isError && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {save.error.message}
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
        {text('fullName', 'profile.fullName', { autoComplete: 'name' })}
        {text('kana', 'profile.kana')}
        {text('birthday', 'profile.birthday', {
          type: 'date',
          autoComplete: 'bday',
          disabled: !view.birthdayEditable,
          hint: !view.birthdayEditable && <span className="mt-1 block text-xs text-stone-500">{t('profile.birthdayLockedHint')}</span>,
        })}
        {text('phone', 'profile.phone', { type: 'tel', inputMode: 'tel', autoComplete: 'tel' })}
        {text('email', 'profile.email', { type: 'email', inputMode: 'email', autoComplete: 'email' })}
        {text('postalCode', 'profile.postalCode', { inputMode: 'numeric', autoComplete: 'postal-code' })}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={values.marketingConsent} onChange={(e) => setValues({ ...values, marketingConsent: e.target.checked })} className="size-5" />
          {t('profile.marketingConsent')}
        </label>
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.termsAccepted}
              aria-invalid={errors.termsAccepted ? true : undefined}
              onChange={(e) => setValues({ ...values, termsAccepted: e.target.checked })}
              className="size-5"
            />
            {t('profile.terms')}
          </label>
          {errors.termsAccepted && <span className="mt-1 block text-xs text-red-700">{t(errors.termsAccepted)}</span>}
        </div>
        <button type="submit" disabled={save.isPending} className="w-full rounded-xl bg-stone-900 py-3 font-semibold text-white disabled:opacity-50">
          {save.isPending ? t('profile.saving') : t('profile.save')}
        </button>
      </form>
    </section>
  );
}
