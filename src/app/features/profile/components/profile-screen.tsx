import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { normaliseKana, PostalCodeSchema, PREFECTURES, ProfileInputSchema, type ProfileInput, type ProfileView, type SaveProfileResponse } from '../../../../contract/profile';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { ErrorPanel, Loading } from '../../../components/status';
import { errorMessageKey } from '../../../lib/error-text';
import { ApiError } from '../../../../shared/api/request';
import { postalCodeQueries } from '../api/postal-code-queries';
import { profileQueries } from '../api/profile-queries';
import { useSaveProfile } from '../api/save-profile';
import { addressFromPostalCode } from './address-from-postal-code';
import { fieldErrors } from './field-errors';

export function ProfileScreen() {
  const profile = useQuery(profileQueries.detail());
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorPanel error={profile.error} onRetry={() => profile.refetch()} />;
  return <ProfileForm view={profile.data} />;
}

type TextField = 'familyName' | 'givenName' | 'familyKana' | 'givenKana' | 'birthday' | 'phone' | 'email' | 'postalCode' | 'city' | 'street' | 'building';
/** The form's own state: the terms box may be unticked here; the contract then refuses it. */
type FormValues = Omit<ProfileInput, 'termsAccepted'> & { termsAccepted: boolean };
type PostalStatus = 'idle' | 'looking' | 'filled' | 'unknown';

/** Wait this long after the 7th digit before asking: typing on, or correcting, costs no request. */
const POSTAL_LOOKUP_DELAY_MS = 300;

const inputClass = 'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base disabled:bg-stone-100 aria-[invalid=true]:border-red-600';

/** 必須 / 任意 beside a label. Screen readers hear aria-required on the field instead. */
function Mark({ required }: { required: boolean }) {
  const { t } = useI18n();
  return required ? (
    <span aria-hidden="true" className="rounded bg-red-700 px-1.5 py-0.5 text-[10px] font-bold leading-none text-white">
      {t('profile.requiredMark')}
    </span>
  ) : (
    <span aria-hidden="true" className="rounded bg-stone-200 px-1.5 py-0.5 text-[10px] font-semibold leading-none text-stone-700">
      {t('profile.optionalMark')}
    </span>
  );
}

function emptyValues(view: ProfileView): FormValues {
  const saved = view.profile;
  return {
    familyName: saved?.familyName ?? '',
    givenName: saved?.givenName ?? '',
    familyKana: saved?.familyKana ?? '',
    givenKana: saved?.givenKana ?? '',
    birthday: saved?.birthday ?? '',
    phone: saved?.phone ?? '',
    email: saved?.email ?? '',
    postalCode: saved?.postalCode ?? '',
    prefecture: saved?.prefecture ?? '',
    city: saved?.city ?? '',
    street: saved?.street ?? '',
    building: saved?.building ?? '',
    // Consent is asked, never assumed: unticked until the shopper ticks it.
    marketingConsent: saved?.marketingConsent ?? false,
    termsAccepted: view.completed,
  };
}

function ProfileForm({ view }: { view: ProfileView }) {
  const { t, number } = useI18n();
  const save = useSaveProfile();
  const queryClient = useQueryClient();
  const formId = useId();
  const [values, setValues] = useState<FormValues>(() => emptyValues(view));
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [saved, setSaved] = useState<SaveProfileResponse | null>(null);
  const [postalStatus, setPostalStatus] = useState<PostalStatus>('idle');
  const lookupTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const lookingFor = useRef<string | null>(null);
  const lastFilledTown = useRef<string | null>(null);
  useEffect(() => () => clearTimeout(lookupTimer.current), []);

  const set = (name: keyof FormValues, value: string | boolean) => setValues((current) => ({ ...current, [name]: value }));

  function onPostalCodeChange(typed: string) {
    set('postalCode', typed);
    clearTimeout(lookupTimer.current);
    const parsed = PostalCodeSchema.safeParse(typed);
    lookingFor.current = parsed.success ? parsed.data : null;
    if (!parsed.success) {
      setPostalStatus('idle');
      return;
    }
    const code = parsed.data;
    lookupTimer.current = setTimeout(() => {
      setPostalStatus('looking');
      queryClient.fetchQuery(postalCodeQueries.lookup(code)).then(
        ({ areas }) => {
          if (lookingFor.current !== code) return;
          setValues((current) => {
            const filled = addressFromPostalCode(current, areas, lastFilledTown.current);
            if (filled.street !== current.street) lastFilledTown.current = filled.street;
            return { ...current, ...filled };
          });
          setPostalStatus('filled');
        },
        () => {
          if (lookingFor.current === code) setPostalStatus('unknown');
        },
      );
    }, POSTAL_LOOKUP_DELAY_MS);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const parsed = ProfileInputSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    // Show what is stored: katakana for kana typed in hiragana, the postal code's digits.
    setValues((current) => ({ ...current, ...parsed.data }));
    try {
      setSaved(await save.mutateAsync(parsed.data));
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(error.fields as Record<string, MessageKey>);
    }
  }

  const errorOf = (name: string) =>
    errors[name] && (
      <span id={`${formId}-${name}-error`} className="mt-1 block text-xs text-red-700">
        {t(errors[name])}
      </span>
    );

  type FieldProps = {
    label: MessageKey;
    required?: boolean;
    type?: string;
    inputMode?: 'tel' | 'email' | 'numeric' | 'text';
    autoComplete?: string;
    disabled?: boolean;
    hint?: ReactNode;
    /** False inside a group whose legend already carries the mark (姓/名 under 氏名). */
    mark?: boolean;
    onChange?: (value: string) => void;
    onBlur?: () => void;
  };
  const field = (name: TextField, props: FieldProps) => {
    const id = `${formId}-${name}`;
    const described = [errors[name] && `${id}-error`, props.hint && `${id}-hint`].filter(Boolean).join(' ');
    return (
      <div>
        {/* The mark sits beside the label, not in it, so the field's accessible name stays its label. */}
        <div className="flex items-center gap-1.5">
          <label htmlFor={id} className="text-sm font-medium">
            {t(props.label)}
          </label>
          {props.mark !== false && <Mark required={props.required ?? true} />}
        </div>
        <input
          id={id}
          name={name}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          disabled={props.disabled}
          value={values[name]}
          aria-required={props.required ?? true}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(e) => (props.onChange ?? ((value: string) => set(name, value)))(e.target.value)}
          onBlur={props.onBlur}
          className={inputClass}
        />
        {props.hint && (
          <span id={`${id}-hint`} className="mt-1 block text-xs text-stone-500">
            {props.hint}
          </span>
        )}
        {errorOf(name)}
      </div>
    );
  };
  /** Kana typed in hiragana turns into the katakana that will be stored when the field is left. */
  const kanaBlur = (name: 'familyKana' | 'givenKana') => () => setValues((current) => ({ ...current, [name]: normaliseKana(current[name]) }));

  const postalMessage: Record<PostalStatus, MessageKey | null> = {
    idle: null,
    looking: 'profile.postalLookup',
    filled: 'profile.postalFilled',
    unknown: 'profile.error.postalCodeUnknown',
  };
  const postalText = postalMessage[postalStatus];
  const prefectureId = `${formId}-prefecture`;

  return (
    <section aria-labelledby="profile-title" className="px-4 py-4">
      <h2 id="profile-title" className="text-base font-semibold">
        {view.completed ? t('profile.editTitle') : t('profile.title')}
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
          {t(errorMessageKey(save.error, 'app.error.actionFailed'))}
        </p>
      )}
      <form noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
        <fieldset>
          <legend className="flex items-center gap-1.5 text-sm font-semibold">
            {t('profile.name')} <Mark required />
          </legend>
          <div className="mt-1 grid grid-cols-2 gap-3">
            {field('familyName', { label: 'profile.familyName', mark: false, autoComplete: 'family-name' })}
            {field('givenName', { label: 'profile.givenName', mark: false, autoComplete: 'given-name' })}
          </div>
        </fieldset>
        <fieldset>
          <legend className="flex items-center gap-1.5 text-sm font-semibold">
            {t('profile.kana')} <Mark required />
          </legend>
          <div className="mt-1 grid grid-cols-2 gap-3">
            {field('familyKana', { label: 'profile.familyKana', mark: false, inputMode: 'text', onBlur: kanaBlur('familyKana') })}
            {field('givenKana', { label: 'profile.givenKana', mark: false, inputMode: 'text', onBlur: kanaBlur('givenKana') })}
          </div>
          <p className="mt-1 text-xs text-stone-500">{t('profile.kanaHint')}</p>
        </fieldset>
        {field('birthday', {
          label: 'profile.birthday',
          type: 'date',
          autoComplete: 'bday',
          disabled: !view.birthdayEditable,
          hint: !view.birthdayEditable && t('profile.birthdayLockedHint'),
        })}
        {field('phone', { label: 'profile.phone', type: 'tel', inputMode: 'tel', autoComplete: 'tel' })}
        {field('email', { label: 'profile.email', type: 'email', inputMode: 'email', autoComplete: 'email' })}
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t('profile.address')}</legend>
          {field('postalCode', { label: 'profile.postalCode', inputMode: 'numeric', autoComplete: 'postal-code', onChange: onPostalCodeChange })}
          {/* Always there and one line high: the lookup's words never push the form down. */}
          <p aria-live="polite" className={`-mt-2 min-h-4 text-xs ${postalStatus === 'unknown' ? 'text-amber-800' : 'text-stone-500'}`} data-testid="postal-status">
            {postalText && t(postalText)}
          </p>
          <div>
            <div className="flex items-center gap-1.5">
              <label htmlFor={prefectureId} className="text-sm font-medium">
                {t('profile.prefecture')}
              </label>
              <Mark required />
            </div>
            <select
              id={prefectureId}
              name="prefecture"
              autoComplete="address-level1"
              value={values.prefecture}
              aria-required
              aria-invalid={errors.prefecture ? true : undefined}
              aria-describedby={errors.prefecture ? `${formId}-prefecture-error` : undefined}
              onChange={(e) => set('prefecture', e.target.value)}
              className={inputClass}
            >
              <option value="">{t('profile.prefectureChoose')}</option>
              {PREFECTURES.map((prefecture) => (
                <option key={prefecture} value={prefecture}>
                  {prefecture}
                </option>
              ))}
            </select>
            {errorOf('prefecture')}
          </div>
          {field('city', { label: 'profile.city', autoComplete: 'address-level2' })}
          {field('street', { label: 'profile.street', autoComplete: 'address-line1' })}
          {field('building', { label: 'profile.building', autoComplete: 'address-line2', required: false })}
        </fieldset>
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.marketingConsent} onChange={(e) => set('marketingConsent', e.target.checked)} className="size-5" />
            {t('profile.marketingConsent')}
          </label>
          <p className="ml-7 text-xs text-stone-500">{t('profile.marketingHint')}</p>
        </div>
        <div>
          <p className="flex flex-wrap gap-x-4 text-sm text-stone-600">
            <Link href="/terms" className="inline-flex min-h-11 items-center font-semibold underline">
              {t('profile.readTerms')}
            </Link>
            <Link href="/privacy" className="inline-flex min-h-11 items-center font-semibold underline">
              {t('profile.readPrivacy')}
            </Link>
          </p>
          <div className="mt-1 flex items-center gap-1.5">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={values.termsAccepted}
                aria-required
                aria-invalid={errors.termsAccepted ? true : undefined}
                aria-describedby={errors.termsAccepted ? `${formId}-termsAccepted-error` : undefined}
                onChange={(e) => set('termsAccepted', e.target.checked)}
                className="size-5"
              />
              {t('profile.terms')}
            </label>
            <Mark required />
          </div>
          {errorOf('termsAccepted')}
        </div>
        <button type="submit" disabled={save.isPending} className="w-full rounded-xl bg-stone-900 py-3 font-semibold text-white disabled:opacity-50">
          {save.isPending ? t('profile.saving') : view.completed ? t('profile.update') : t('profile.save')}
        </button>
      </form>
    </section>
  );
}
