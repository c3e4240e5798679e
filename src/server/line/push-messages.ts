import type { LineMessage } from './line-client';

/** The pushes' wording (Japanese: the audience of a Japanese official account). */
const yen = (amount: number) => `¥${new Intl.NumberFormat('ja-JP').format(amount)}`;
const pt = (points: number) => `${new Intl.NumberFormat('ja-JP').format(points)} pt`;
const text = (value: string): LineMessage[] => [{ type: 'text', text: value }];

export const pushMessages = {
  linkCompleted: (input: { transferredPoints: number; incentivePoints: number }) =>
    text(
      [
        '会員証の連携が完了しました。',
        input.transferredPoints > 0 ? `これまでのポイント ${pt(input.transferredPoints)} を引き継ぎました。` : '',
        input.incentivePoints > 0 ? `連携特典として ${pt(input.incentivePoints)} をプレゼントしました。` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  birthdayCoupon: (input: { title: string }) => text(`お誕生日おめでとうございます！\n「${input.title}」をお届けしました。今月中にご利用ください。`),
  pointsExpiring: (input: { points: number; expiresOn: string }) => text(`${pt(input.points)} が ${input.expiresOn} に失効します。お早めにご利用ください。`),
  tierGap: (input: { gapYen: number; tierName: string }) => text(`あと ${yen(input.gapYen)} のお買い上げで ${input.tierName} ステージです。`),
  tierUpgrade: (input: { tierName: string }) => text(`おめでとうございます！会員ステージが ${input.tierName} になりました。`),
};
