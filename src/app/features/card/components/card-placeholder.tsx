import { useI18n } from '../../../lib/i18n';

/**
 * The card's outline while a first open waits for LIFF and the session: the page does not jump
 * when the card arrives, and React's first render happens while the network is the bottleneck.
 */
export function CardPlaceholder() {
  const { t } = useI18n();
  return (
    <section aria-busy="true" aria-label={t('app.loading')} className="flex flex-col items-center gap-3 px-3 py-4" data-testid="card-placeholder">
      <div className="w-full max-w-[366px] overflow-hidden rounded-2xl bg-white shadow-md ring-1 ring-stone-200">
        <div className="h-11 bg-stone-800" />
        <div className="flex flex-col items-center gap-2 py-4">
          <div className="h-[104px] w-[280px] animate-pulse rounded bg-stone-200" />
          <div className="h-3 w-48 animate-pulse rounded bg-stone-100" />
        </div>
        <div className="flex flex-col items-center gap-2 border-t border-stone-100 p-3">
          <div className="h-3 w-16 rounded bg-stone-100" />
          <div className="h-8 w-28 animate-pulse rounded bg-stone-200" />
        </div>
      </div>
    </section>
  );
}
