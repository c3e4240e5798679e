import { createI18n } from '../../../shared/i18n';

/**
 * The terms and the privacy policy: sample texts for the brand to replace. Long, and read rarely, so
 * they load with their screen instead of sitting in the shopper's catalogue that every open downloads.
 */
const ja = {
  'terms.1': 'この会員証は、当ブランドの店舗でポイント・スタンプ・クーポンをご利用いただくためのサービスです。LINE アカウントでご利用いただけます。',
  'terms.2': 'ポイントはお買い上げ金額に応じて付与され、所定の期間を過ぎると失効します。失効日は「ポイント」画面で確認できます。ポイントは現金との交換や譲渡はできません。',
  'terms.3': 'クーポンは有効期間内に 1 回限り、お会計時にご提示いただいた場合に利用できます。',
  'terms.4': '退会はマイページからいつでもできます。退会すると保有ポイントとクーポンは失効し、元に戻せません。',
  'privacy.1': 'お預かりする情報：LINE の利用者識別子と表示名、プロフィール（氏名・フリガナ・生年月日・電話番号・メールアドレス・郵便番号）、お買い上げとポイントの履歴。',
  'privacy.2': '利用目的：会員証の提供、ポイント・スタンプ・クーポンの付与、誕生月クーポンやポイント失効のお知らせ（LINE での受け取りに同意いただいた方のみ）。',
  'privacy.3': 'この端末には、すぐに表示するために最後の会員証を保存します。退会すると消去します。',
  'privacy.4': '退会すると、氏名・生年月日などの登録情報と LINE の利用者識別子を削除します。会計上必要なポイントの記録は、個人を特定できない形で保管します。',
} as const;

const en: Record<keyof typeof ja, string> = {
  'terms.1': 'This member card lets you collect and use points, stamps and coupons in our stores. You use it with your LINE account.',
  'terms.2': 'Points are given according to the amount you spend and expire after a set period; the Points screen shows when. Points cannot be exchanged for cash or transferred.',
  'terms.3': 'A coupon can be used once, within its validity period, when shown at the register.',
  'terms.4': 'You can delete your membership at any time from My page. Your points and coupons are then lost and cannot be restored.',
  'privacy.1': 'What we keep: your LINE user identifier and display name, your profile (name, kana, birthday, phone, email, postal code), and your purchase and points history.',
  'privacy.2': 'What for: providing the member card; giving points, stamps and coupons; birthday coupons and notices of expiring points (only if you agreed to receive them on LINE).',
  'privacy.3': 'This phone keeps a copy of your last card so it shows at once; it is erased when you delete your membership.',
  'privacy.4': 'When you delete your membership, your details and your LINE user identifier are erased. Points records needed for accounting are kept in a form that no longer identifies you.',
};

export type LegalKey = keyof typeof ja;

export const { useI18n: useLegalText } = createI18n<LegalKey>({ ja, en });
