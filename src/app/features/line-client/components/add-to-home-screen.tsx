import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { createPermanentLink, createShortcutOnHomeScreen, isLiffApiAvailable } from '../../../lib/liff';

/** One tap from the phone's home screen to the card: offered only where LINE says the shortcut works (verified MINI Apps). */
export function AddToHomeScreen() {
  const { t } = useI18n();
  const add = useMutation({ mutationFn: async () => createShortcutOnHomeScreen(await createPermanentLink('/')) });
  if (!isLiffApiAvailable('createShortcutOnHomeScreen')) return null;
  if (add.isSuccess) {
    return (
      <p role="status" className="mx-3 mb-4 text-center text-sm text-stone-600">
        {t('home.added')}
      </p>
    );
  }
  return (
    <div className="mx-3 mb-4 flex flex-col items-center gap-1">
      <button type="button" className="rounded-full border border-stone-300 bg-white px-4 py-2 text-sm font-semibold" disabled={add.isPending} onClick={() => add.mutate()}>
        {t('home.add')}
      </button>
      <p className="text-xs text-stone-500">{t('home.hint')}</p>
    </div>
  );
}
