import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../lib/i18n';
import { createPermanentLink } from '../lib/liff';

/** Copies the permanent link of a screen: it opens this very screen inside LINE (LIFF and MINI App alike). */
export function ShareLinkButton({ path }: { path: string }) {
  const { t } = useI18n();
  const copy = useMutation({
    mutationFn: async () => {
      const url = await createPermanentLink(path);
      await navigator.clipboard.writeText(url);
      return url;
    },
  });
  return (
    <button
      type="button"
      className="text-xs text-stone-600 underline"
      data-testid="share-link"
      data-url={copy.data}
      onClick={() => copy.mutate()}
    >
      {copy.isSuccess ? t('share.copied') : t('share.copyLink')}
    </button>
  );
}
