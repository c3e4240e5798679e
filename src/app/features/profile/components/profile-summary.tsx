import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n } from '../../../lib/i18n';
import { profileQueries } from '../api/profile-queries';

/** My page's part: who is registered, and the way to the profile form. */
export function ProfileSummary() {
  const { t } = useI18n();
  const profile = useQuery(profileQueries.detail());
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorPanel error={profile.error} onRetry={() => profile.refetch()} />;
  const saved = profile.data.profile;
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="profile-summary">
      {saved ? (
        <dl className="text-sm">
          <dt className="sr-only">{t('profile.name')}</dt>
          <dd className="font-semibold">{`${saved.familyName} ${saved.givenName}`}</dd>
          <dt className="sr-only">{t('profile.email')}</dt>
          <dd className="text-stone-600">{saved.email}</dd>
        </dl>
      ) : (
        <p className="text-sm text-stone-600">{t('mypage.profile.none')}</p>
      )}
      <Link href="/profile" className="mt-2 flex min-h-11 items-center font-semibold text-rose-700">
        {t(profile.data.completed ? 'mypage.profile.edit' : 'mypage.profile.register')} ›
      </Link>
    </div>
  );
}

/** My page's part: whether offers come on LINE (the profile's consent), changed in the profile form. */
export function MessageConsentStatus() {
  const { t } = useI18n();
  const profile = useQuery(profileQueries.detail());
  if (!profile.data) return null;
  const consent = profile.data.profile?.marketingConsent;
  return (
    <div className="flex items-center justify-between gap-2 text-sm" data-testid="message-consent">
      <span>{consent === undefined ? t('mypage.notices.consentNone') : t(consent ? 'mypage.notices.consentOn' : 'mypage.notices.consentOff')}</span>
      {consent !== undefined && (
        <Link href="/profile" className="flex min-h-11 shrink-0 items-center px-1 text-rose-700 underline">
          {t('mypage.notices.change')}
        </Link>
      )}
    </div>
  );
}
