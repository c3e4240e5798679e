import { useI18n } from '../../../lib/i18n';
import { clearWithdrawn } from '../../../lib/withdrawal-state';

/**
 * After withdrawal, in place of every screen (and after a reload of this tab): nothing here signs
 * in, so no new member is made unless the shopper asks for one.
 */
export function GoodbyeScreen() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="goodbye-title" className="m-4 flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="goodbye">
      <div role="status">
        <h2 id="goodbye-title" className="text-lg font-semibold">
          {t('withdraw.done')}
        </h2>
      </div>
      <p className="text-sm text-stone-700">{t('withdraw.thanks')}</p>
      <p className="text-sm text-stone-700">{t('withdraw.registerHint')}</p>
      <button
        type="button"
        className="min-h-11 rounded-xl border border-stone-300 px-4 font-semibold"
        onClick={() => {
          clearWithdrawn();
          // A fresh start: the session call registers the new member (ID-first) and shows the card.
          window.location.replace('/');
        }}
      >
        {t('withdraw.registerAgain')}
      </button>
    </section>
  );
}
