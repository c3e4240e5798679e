import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * The i18n mechanism every part shares: the language the person chose, a translator typed by a
 * part's own catalogue, and formatters. Each part (shopper, clerk, dashboard, staff kit) keeps its
 * own catalogue so that no bundle carries another part's words; only words every part shows live here.
 * Dates and money are always shown in Asia/Tokyo and yen, whatever the device's settings.
 */

export type Locale = 'ja' | 'en';

/** A catalogue's words in both languages; `en` has exactly the keys of `ja`, so nothing goes untranslated. */
export type Catalogue<Key extends string> = Record<Locale, Record<Key, string>>;

type Vars = Record<string, string | number>;

const ja = {
  'app.loading': '読み込み中…',
  'locale.switch': 'English',
} as const;

const en: Record<keyof typeof ja, string> = {
  'app.loading': 'Loading…',
  'locale.switch': '日本語',
};

/** Words every part shows: the loading line and the language switch. */
export const commonMessages = { ja, en };

export const TIME_ZONE = 'Asia/Tokyo';

export const useLocaleStore = create<{ locale: Locale; setLocale: (locale: Locale) => void }>()(
  persist((set) => ({ locale: 'ja', setLocale: (locale) => set({ locale }) }), { name: 'mc-locale' }),
);

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

/**
 * A part's `translate` and `useI18n` over its catalogue: `t()` accepts exactly the catalogue's keys,
 * so a part cannot show a word it does not ship.
 */
export function createI18n<Key extends string>(catalogue: Catalogue<Key>) {
  function translate(locale: Locale, key: Key, vars?: Vars): string {
    const template = catalogue[locale][key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  }

  /** The hook components use: the current locale's translator and formatters. */
  function useI18n() {
    const locale = useLocaleStore((s) => s.locale);
    return {
      locale,
      t: (key: Key, vars?: Vars) => translate(locale, key, vars),
      yen: (amount: number) => formatYen(locale, amount),
      number: (value: number) => formatNumber(locale, value),
      date: (date: Date | string) => formatDate(locale, new Date(date)),
      time: (date: Date | string) => formatTime(locale, new Date(date)),
    };
  }

  return { translate, useI18n };
}
