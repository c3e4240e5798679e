import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../../lib/i18n';
import { profileQueries } from '../api/profile-queries';

/** Under the card while the profile is incomplete: a gentle invitation, never in the way of the barcode; once complete, a link to change it. */
export function ProfileNudge() {
  const { t, number } = useI18n();
  const profile = useQuery(profileQueries.detail());
  if (!profile.data) return null;
  if (profile.data.completed) {
    // Once complete, a quiet way back to the details (address moved, new email).
    return (
      <p className="mx-auto mb-3 w-full max-w-[366px] text-right text-xs">
        <Link href="/profile" className="text-stone-600 underline" data-testid="profile-edit">
          {t('profile.nudge.edit')}
        </Link>
      </p>
    );
  }
  const points = profile.data.completionPoints;
  return (
    <aside aria-labelledby="profile-nudge-title" className="mx-auto mb-3 w-full max-w-[366px] rounded-xl bg-rose-50 p-4 ring-1 ring-rose-200" data-testid="profile-nudge">
      <h2 id="profile-nudge-title" className="text-sm font-semibold text-rose-900">
        {t('profile.nudge.title')}
      </h2>
      <p className="mt-1 text-xs text-rose-900">{points > 0 ? t('profile.nudge.body', { points: number(points) }) : t('profile.nudge.bodyNoPoints')}</p>
      <Link href="/profile" className="mt-3 inline-flex min-h-11 items-center rounded-lg bg-rose-600 px-4 text-sm font-semibold text-white">
        {t('profile.nudge.action')}
      </Link>
    </aside>
  );
}
