import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useI18n } from '../../../lib/i18n';
import { messagePreferenceQueries, useUpdateMessagePreferences } from '../api/message-preferences';

/** マイページ's switch for the LINE e-receipt sent after each purchase (on by default). */
export function ReceiptPreference() {
  const { t } = useI18n();
  const id = useId();
  const preferences = useQuery(messagePreferenceQueries.detail());
  const update = useUpdateMessagePreferences();
  if (!preferences.data) return null;
  const on = preferences.data.purchaseReceipts;
  return (
    <div className="space-y-1" data-testid="receipt-preference">
      <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center justify-between gap-3 text-sm">
        <span>{t('mypage.notices.receipts')}</span>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={on}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ purchaseReceipts: event.target.checked })}
          className="peer sr-only"
        />
        <span
          aria-hidden
          className="relative h-7 w-12 shrink-0 rounded-full bg-stone-300 transition-colors peer-checked:bg-emerald-700 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-stone-900 after:absolute after:left-0.5 after:top-0.5 after:size-6 after:rounded-full after:bg-white after:shadow after:transition-transform peer-checked:after:translate-x-5"
        />
      </label>
      <p className="text-xs text-stone-600">{t('mypage.notices.receiptsHint')}</p>
      {update.isError && (
        <p role="alert" className="text-xs text-red-800">
          {t('mypage.notices.receiptsFailed')}
        </p>
      )}
    </div>
  );
}
