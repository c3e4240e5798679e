import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * The one i18n layer: every UI string is a key here, Japanese first, English too.
 * Dates and money are always shown in Asia/Tokyo and yen, whatever the device's settings.
 */

const ja = {
  'app.loading': '読み込み中…',
  'app.error.title': '表示できません',
  'app.error.retry': '再読み込み',
  'app.offline': 'オフライン表示中（{time} 時点）',
  'locale.switch': 'English',
  'nav.card': 'カード',
  'nav.points': 'ポイント',
  'nav.stamps': 'スタンプ',
  'nav.coupons': 'クーポン',
  'card.title': '会員証',
  'card.memberNumber': '会員番号',
  'card.barcodeLabel': '会員バーコード {number}',
  'card.points': '保有ポイント',
  'card.pointsUnit': 'pt',
  'card.tier': '会員ステージ',
  'card.guest': 'ゲスト',
  'card.scanHint': 'お会計時にこの画面をスタッフにご提示ください',
  'card.expiring': '{points} pt が {date} に失効',
  'card.tierGap': 'あと {amount} で {tier}',
  'card.tierTop': '最上位ステージです',
  'card.tierSpend': '直近12か月のお買い上げ {amount}',
  'card.stamps': 'スタンプ {count}/{size}',
  'card.coupons': '使えるクーポン {count} 枚',
  'points.title': 'ポイント',
  'points.balance': '保有ポイント',
  'points.expiries': '失効予定',
  'points.noExpiries': '失効予定のポイントはありません',
  'points.expiryRow': '{date} 失効',
  'points.history': '履歴',
  'points.noHistory': 'まだ履歴はありません',
  'points.kind.earn': 'お買い上げ',
  'points.kind.redeem': 'ご利用',
  'points.kind.expire': '失効',
  'points.kind.adjust': '調整',
  'points.kind.reverse': '取消',
  'points.kind.transfer': '移行',
  'points.purchaseAmount': 'お買い上げ {amount}',
  'stamps.title': 'スタンプカード',
  'stamps.progress': '{count} / {size} 個',
  'stamps.rule': '{amount} 以上のお買い上げで 1 日 1 個',
  'stamps.reward': '満了で「{title}」',
  'stamps.completed': 'これまでに満了したカード {count} 枚',
  'stamps.slot': 'スタンプ {n}',
  'stamps.slotFilled': 'スタンプ {n}（{date}）',
  'coupons.title': 'クーポン',
  'coupons.none': 'クーポンはまだありません',
  'coupons.validity': '{from} 〜 {until}',
  'coupons.status.usable': '利用可能',
  'coupons.status.used': '使用済み',
  'coupons.status.expired': '期限切れ',
  'coupons.status.not_yet_valid': '利用開始前',
  'coupons.discount.percent': '{percent}% OFF',
  'coupons.discount.yen': '{amount} OFF',
  'coupons.barcodeLabel': 'クーポンバーコード {code}',
  'coupons.showToClerk': 'お会計時にこのバーコードをスタッフにご提示ください',
  'coupons.back': 'クーポン一覧へ',
  'coupons.notFound': 'クーポンが見つかりません',
  'dev.persona': 'ペルソナ（開発用）',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.loading': 'Loading…',
  'app.error.title': 'This cannot be shown',
  'app.error.retry': 'Reload',
  'app.offline': 'Offline — as of {time}',
  'locale.switch': '日本語',
  'nav.card': 'Card',
  'nav.points': 'Points',
  'nav.stamps': 'Stamps',
  'nav.coupons': 'Coupons',
  'card.title': 'Member card',
  'card.memberNumber': 'Member number',
  'card.barcodeLabel': 'Member barcode {number}',
  'card.points': 'Points',
  'card.pointsUnit': 'pt',
  'card.tier': 'Tier',
  'card.guest': 'Guest',
  'card.scanHint': 'Show this screen to the staff when you pay',
  'card.expiring': '{points} pt expire on {date}',
  'card.tierGap': '{amount} more to {tier}',
  'card.tierTop': 'You are at the top tier',
  'card.tierSpend': 'Spent in the last 12 months: {amount}',
  'card.stamps': 'Stamps {count}/{size}',
  'card.coupons': '{count} coupons to use',
  'points.title': 'Points',
  'points.balance': 'Balance',
  'points.expiries': 'Expiring',
  'points.noExpiries': 'No points are due to expire',
  'points.expiryRow': 'expire {date}',
  'points.history': 'History',
  'points.noHistory': 'No history yet',
  'points.kind.earn': 'Purchase',
  'points.kind.redeem': 'Used',
  'points.kind.expire': 'Expired',
  'points.kind.adjust': 'Adjustment',
  'points.kind.reverse': 'Voided',
  'points.kind.transfer': 'Transferred',
  'points.purchaseAmount': 'Purchase {amount}',
  'stamps.title': 'Stamp card',
  'stamps.progress': '{count} / {size}',
  'stamps.rule': 'One stamp a day for a purchase of {amount} or more',
  'stamps.reward': 'A full card earns “{title}”',
  'stamps.completed': 'Cards completed so far: {count}',
  'stamps.slot': 'Stamp {n}',
  'stamps.slotFilled': 'Stamp {n} ({date})',
  'coupons.title': 'Coupons',
  'coupons.none': 'No coupons yet',
  'coupons.validity': '{from} – {until}',
  'coupons.status.usable': 'Usable',
  'coupons.status.used': 'Used',
  'coupons.status.expired': 'Expired',
  'coupons.status.not_yet_valid': 'Not yet valid',
  'coupons.discount.percent': '{percent}% off',
  'coupons.discount.yen': '{amount} off',
  'coupons.barcodeLabel': 'Coupon barcode {code}',
  'coupons.showToClerk': 'Show this barcode to the staff when you pay',
  'coupons.back': 'All coupons',
  'coupons.notFound': 'Coupon not found',
  'dev.persona': 'Persona (development)',
};

export type Locale = 'ja' | 'en';
const messages: Record<Locale, Record<MessageKey, string>> = { ja, en };

export const TIME_ZONE = 'Asia/Tokyo';

export const useLocaleStore = create<{ locale: Locale; setLocale: (locale: Locale) => void }>()(
  persist((set) => ({ locale: 'ja', setLocale: (locale) => set({ locale }) }), { name: 'mc-locale' }),
);

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = messages[locale][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export function formatYen(locale: Locale, amount: number): string {
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'currency', currency: 'JPY' }).format(amount);
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP').format(value);
}

export function formatTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The hook components use: the current locale's translator and formatters. */
export function useI18n() {
  const locale = useLocaleStore((s) => s.locale);
  return {
    locale,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
    yen: (amount: number) => formatYen(locale, amount),
    number: (value: number) => formatNumber(locale, value),
    date: (date: Date | string) => formatDate(locale, new Date(date)),
    time: (date: Date | string) => formatTime(locale, new Date(date)),
  };
}
