import { errorMessageKey } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { Bone, Skeleton } from './skeleton';

/** A load that failed, in the shopper's words (`error` is described, never printed), with a retry. */
export function ErrorPanel({ error, message, onRetry }: { error?: unknown; message?: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="m-4 rounded-xl bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{t('app.error.title')}</p>
      <p className="mt-1 text-sm">{message ?? t(errorMessageKey(error))}</p>
      <button type="button" className="mt-3 min-h-11 rounded-lg bg-red-900 px-4 py-2 text-white" onClick={onRetry}>
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

/** Start-up while the BFF is not answering yet: it is starting (502/503) or there is no connection. */
export function StartingNotice({ reason }: { reason: 'starting' | 'offline' }) {
  const { t } = useI18n();
  return (
    <div role="status" className="m-4 flex flex-col items-center gap-2 p-6 text-center" data-testid="starting-notice">
      <span aria-hidden className="h-6 w-6 animate-spin rounded-full border-2 border-stone-300 border-t-stone-800" />
      <p className="font-semibold">{t(reason === 'starting' ? 'start.waiting' : 'start.offline')}</p>
      <p className="text-sm text-stone-500">{t('start.waitingHint')}</p>
    </div>
  );
}

/** A screen or a part of one while its data loads: a few grey lines in the place of its content. */
export function Loading() {
  return (
    <Skeleton>
      <div className="space-y-3 px-3 py-4">
        <Bone className="h-5 w-1/3" />
        <Bone className="h-24 w-full rounded-2xl" />
        <Bone className="h-16 w-full rounded-2xl" />
      </div>
    </Skeleton>
  );
}
