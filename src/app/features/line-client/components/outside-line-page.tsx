import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';

/**
 * Opened in an external browser (or LIFF could not start): say where the card works and offer to
 * open it in LINE at the same screen, or to log in with LINE right here.
 */
export function OutsideLinePage({ openInLine, failure, onLoginHere }: { openInLine: string; failure?: string; onLoginHere: () => void }) {
  const { t } = useI18n();
  const [loggingIn, setLoggingIn] = useState(false);
  return (
    <section aria-labelledby="outside-title" className="m-4 flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="outside-line">
      <h2 id="outside-title" className="text-lg font-semibold">
        {t('outside.title')}
      </h2>
      <p className="text-sm text-stone-700">{t('outside.body')}</p>
      {failure && <p className="text-xs text-stone-500">{t('outside.failure', { reason: failure })}</p>}
      <a href={openInLine} className="rounded-lg bg-[#06C755] py-3 text-center font-semibold text-white">
        {t('outside.openInLine')}
      </a>
      <button
        type="button"
        className="rounded-lg border border-stone-300 py-2 text-sm"
        disabled={loggingIn}
        onClick={() => {
          setLoggingIn(true);
          onLoginHere();
        }}
      >
        {t('outside.loginHere')}
      </button>
    </section>
  );
}
