/**
 * Words of the member's card that both the shopper's app and the clerk's member panel show (tier
 * gap, stamps, coupon validity and discount), so the two read the same; the dashboard leaves them out.
 */

const ja = {
  'nav.stamps': 'スタンプ',
  'card.tierGap': 'あと {amount} で {tier}',
  'card.tierTop': '最上位ステージです',
  'coupons.validity': '{from} 〜 {until}',
  'coupons.discount.percent': '{percent}% OFF',
  'coupons.discount.yen': '{amount} OFF',
} as const;

const en: Record<keyof typeof ja, string> = {
  'nav.stamps': 'Stamps',
  'card.tierGap': '{amount} more to {tier}',
  'card.tierTop': 'You are at the top tier',
  'coupons.validity': '{from} – {until}',
  'coupons.discount.percent': '{percent}% off',
  'coupons.discount.yen': '{amount} off',
};

export const memberCardMessages = { ja, en };
