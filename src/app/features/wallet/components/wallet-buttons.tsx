import { useMutation, useQuery } from '@tanstack/react-query';
import { getLiffOs, openExternalWindow } from '../../../lib/liff';
import { createAppleWalletLink } from '../api/create-apple-wallet-link';
import { getGoogleSaveLink } from '../api/get-google-save-link';
import { walletQueries } from '../api/wallet-queries';
import { walletButtonsShown } from '../lib/wallet-buttons-shown';
import { useWalletText } from '../wallet-messages';

/**
 * 「Apple Walletに追加」 / 「Google ウォレットに追加」 under the card, for the wallets the brand
 * offers on this phone's platform. The links open outside LINE: the phone's browser hands a
 * .pkpass to Apple Wallet and a save link to Google Wallet.
 *
 * The buttons follow the badges' rules without their artwork (which is licensed, not bundled
 * here): black, the official wording, at least 48 px high with clear space around.
 */
export default function WalletButtons() {
  const { t } = useWalletText();
  const offered = useQuery(walletQueries.availability());
  const os = useQuery({ queryKey: ['liff', 'os'] as const, queryFn: getLiffOs, staleTime: Infinity });
  const open = useMutation({
    mutationFn: async (wallet: 'apple' | 'google') => {
      const { url } = wallet === 'apple' ? await createAppleWalletLink() : await getGoogleSaveLink();
      await openExternalWindow(url);
    },
  });
  if (!offered.data || !os.data) return null;
  const shown = walletButtonsShown(os.data, offered.data);
  if (!shown.apple && !shown.google) return null;
  const wallets = (['apple', 'google'] as const).filter((wallet) => shown[wallet]);
  return (
    <div className="mx-3 mb-4 flex flex-col items-center gap-1">
      <div className="flex flex-wrap justify-center gap-2">
        {wallets.map((wallet) => (
          <button
            key={wallet}
            type="button"
            data-wallet={wallet}
            // Apple's badge is a rounded rectangle, Google's a pill; both black with white words.
            className={`m-2 inline-flex min-h-12 w-[240px] items-center justify-center bg-black px-6 text-base font-medium text-white shadow-sm disabled:opacity-60 ${wallet === 'apple' ? 'rounded-lg' : 'rounded-full'}`}
            disabled={open.isPending}
            onClick={() => open.mutate(wallet)}
          >
            {open.isPending && open.variables === wallet ? t('wallet.opening') : t(wallet === 'apple' ? 'wallet.apple' : 'wallet.google')}
          </button>
        ))}
      </div>
      {open.isError && (
        <p role="alert" className="text-center text-sm text-red-800">
          {t('wallet.failed')}
        </p>
      )}
      <p className="max-w-[366px] text-center text-xs text-stone-500">{t('wallet.hint')}</p>
    </div>
  );
}
