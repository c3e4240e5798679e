import { createI18n } from '../../../shared/i18n';

/**
 * The wallet buttons' words. They load with the buttons (after the card), so the catalogue every
 * open downloads does not grow. The button labels are the wallets' official badge wording.
 */
const ja = {
  'wallet.apple': 'Apple Walletに追加',
  'wallet.google': 'Google ウォレットに追加',
  'wallet.opening': '開いています…',
  'wallet.hint': 'ウォレットの会員証はポイントをためるときに使えます。ポイントやクーポンを使うときは、この画面の「ポイント・クーポンを使う」で表示されるコードをご提示ください。',
  'wallet.failed': 'ウォレットを開けませんでした。時間をおいて、もう一度お試しください。',
} as const;

const en: Record<keyof typeof ja, string> = {
  'wallet.apple': 'Add to Apple Wallet',
  'wallet.google': 'Add to Google Wallet',
  'wallet.opening': 'Opening…',
  'wallet.hint': 'The card in your wallet earns points. To spend points or use coupons, show the code from "Use points or coupons" on this screen.',
  'wallet.failed': 'The wallet could not be opened. Please try again later.',
};

export type WalletMessageKey = keyof typeof ja;

export const { useI18n: useWalletText } = createI18n<WalletMessageKey>({ ja, en });
