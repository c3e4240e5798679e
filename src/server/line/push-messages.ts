import type { LineMessage } from './line-client';

/** The pushes' wording (Japanese: the audience of a Japanese official account). */
// Built once: constructing an Intl formatter costs far more than formatting with it (every purchase sends a receipt).
const jaNumber = new Intl.NumberFormat('ja-JP');
const jaReceiptTime = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });
const yen = (amount: number) => `¥${jaNumber.format(amount)}`;
const pt = (points: number) => `${jaNumber.format(points)} pt`;
const text = (value: string): LineMessage[] => [{ type: 'text', text: value }];

export const pushMessages = {
  linkCompleted: (input: { transferredPoints: number; incentivePoints: number; campaignBonusPoints?: number }) =>
    text(
      [
        '会員証の連携が完了しました。',
        input.transferredPoints > 0 ? `これまでのポイント ${pt(input.transferredPoints)} を引き継ぎました。` : '',
        input.incentivePoints > 0 ? `連携特典として ${pt(input.incentivePoints)} をプレゼントしました。` : '',
        (input.campaignBonusPoints ?? 0) > 0 ? `キャンペーン特典として ${pt(input.campaignBonusPoints!)} を追加でプレゼントしました。` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  birthdayCoupon: (input: { title: string }) => text(`お誕生日おめでとうございます！\n「${input.title}」をお届けしました。今月中にご利用ください。`),
  pointsExpiring: (input: { points: number; expiresOn: string }) => text(`${pt(input.points)} が ${input.expiresOn} に失効します。お早めにご利用ください。`),
  tierGap: (input: { gapYen: number; tierName: string }) => text(`あと ${yen(input.gapYen)} のお買い上げで ${input.tierName} ステージです。`),
  /** Someone keeps trying to link or move this card: the holder hears of it (no number, no details). */
  linkTargetLocked: () =>
    text(
      'お客様の会員番号で本人確認の失敗が続いたため、この会員証の連携・引き継ぎの受付を一時的に停止しました。会員証はこれまでどおりご利用いただけます。\nお心当たりのない場合は、会員番号が第三者に知られている可能性があります。店舗スタッフまでご相談ください。',
    ),
  /** The card moved to another LINE account (recovery): the previous holder learns of it at once. */
  cardMoved: () =>
    text('お客様の会員証が別のLINEアカウントに引き継がれました。このLINEアカウントでは会員証を表示できなくなります。\nお心当たりがない場合は、至急店舗スタッフまでお問い合わせください。'),
  tierUpgrade: (input: { tierName: string }) => text(`おめでとうございます！会員ステージが ${input.tierName} になりました。`),
  /** The e-receipt after a purchase: what it earned and the balance now; the member can turn it off in マイページ. */
  purchaseReceipt: (input: { at: Date; amountYen: number; pointsEarned: number; pointsBalance: number; stampAwarded: boolean; rewardCouponTitle: string | null }) =>
    text(
      [
        `お買い上げありがとうございます（${jaReceiptTime.format(input.at)}）。`,
        `お買い上げ金額: ${yen(input.amountYen)}`,
        `獲得ポイント: +${pt(input.pointsEarned)}`,
        `ポイント残高: ${pt(input.pointsBalance)}`,
        input.stampAwarded ? 'スタンプを 1 個押しました。' : '',
        input.rewardCouponTitle ? `スタンプカードが満了しました！「${input.rewardCouponTitle}」をお届けしました。` : '',
        'このお知らせはマイページで停止できます。',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
};
