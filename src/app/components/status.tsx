import { useI18n } from '../../shared/i18n';

export function ErrorPanel({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="m-4 rounded-xl bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{t('app.error.title')}</p>
      <p className="mt-1 text-sm">{message}</p>
      <button type="button" className="mt-3 rounded-lg bg-red-900 px-4 py-2 text-white" onClick={onRetry}>
        {t('app.error.retry')}
      </button>
    </div>
  );
}

/** Shown over data that could not be refreshed: the BFF is unreachable, this is the last copy. */
export function OfflineBanner({ since }: { since: number }) {
  const { t, time } = useI18n();
  return (
    <p role="status" className="mx-3 mt-3 rounded-lg bg-stone-800 px-3 py-2 text-center text-xs text-white" data-testid="offline-banner">
      {t('app.offline', { time: time(new Date(since)) })}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p className="p-8 text-center text-stone-500">{t('app.loading')}</p>;
}
