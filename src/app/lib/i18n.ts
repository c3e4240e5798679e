import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * The one i18n layer: every UI string is a key here, Japanese first, English too.
 * Dates and money are always shown in Asia/Tokyo and yen, whatever the device's settings.
 */

const ja = {
  'app.loading': '読み込み中…',
  'app.error.title': 'カードを表示できません',
  'app.error.retry': '再読み込み',
  'locale.switch': 'English',
  'card.title': '会員証',
  'card.memberNumber': '会員番号',
  'card.barcodeLabel': '会員バーコード {number}',
  'card.points': '保有ポイント',
  'card.pointsUnit': 'pt',
  'card.tier': '会員ステージ',
  'card.guest': 'ゲスト',
  'card.scanHint': 'お会計時にこの画面をスタッフにご提示ください',
  'dev.persona': 'ペルソナ（開発用）',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.loading': 'Loading…',
  'app.error.title': 'The card cannot be shown',
  'app.error.retry': 'Reload',
  'locale.switch': '日本語',
  'card.title': 'Member card',
  'card.memberNumber': 'Member number',
  'card.barcodeLabel': 'Member barcode {number}',
  'card.points': 'Points',
  'card.pointsUnit': 'pt',
  'card.tier': 'Tier',
  'card.guest': 'Guest',
  'card.scanHint': 'Show this screen to the staff when you pay',
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
    date: (date: Date) => formatDate(locale, date),
  };
}
