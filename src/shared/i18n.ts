import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { LocalisedText } from '../contract/localised';

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

const intlLocale = (locale: Locale) => (locale === 'ja' ? 'ja-JP' : 'en-JP');

/**
 * Yen with one glyph everywhere: ja-JP formats the full-width ￥, while the programme's titles, LINE
 * messages and the English screens write ¥ (U+00A5), so the Japanese screens use it too.
 */
export function formatYen(locale: Locale, amount: number): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'JPY' }).format(amount).replace('\uFFE5', '\u00A5');
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

export function formatTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(date);
}

/** 2027/03/31 in Japanese, "Mar 31, 2027" in English. */
export function formatDate(locale: Locale, date: Date): string {
  const options: Intl.DateTimeFormatOptions =
    locale === 'ja' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { year: 'numeric', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options }).format(date);
}

/** 2027年3月 / March 2027: the heading of a month's group in a history. */
export function formatMonth(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, year: 'numeric', month: 'long' }).format(date);
}

/** The JST month of an instant as 'YYYY-MM', for grouping. */
export function jstMonthKey(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' }).formatToParts(date);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/**
 * `{count, plural, one {# friend} other {# friends}}` in a template: the form Intl.PluralRules picks
 * for the number, `#` the number as given (a number is formatted for the locale; a string such as
 * "1,200" that a caller formatted already is shown as it is). Japanese templates need no such form.
 */
function applyPlurals(locale: Locale, template: string, vars: Vars): string {
  return template.replace(/\{(\w+), plural, ((?:\w+ \{[^{}]*\}\s*)+)\}/g, (whole, name: string, forms: string) => {
    const value = vars[name];
    const count = typeof value === 'number' ? value : Number(String(value).replace(/[,\s]/g, ''));
    if (value === undefined || Number.isNaN(count)) return whole;
    const byCategory = new Map([...forms.matchAll(/(\w+) \{([^{}]*)\}/g)].map((m) => [m[1]!, m[2]!]));
    const form = byCategory.get(new Intl.PluralRules(intlLocale(locale)).select(count)) ?? byCategory.get('other') ?? '';
    return form.replaceAll('#', typeof value === 'number' ? formatNumber(locale, value) : value);
  });
}

/**
 * A part's `translate` and `useI18n` over its catalogue: `t()` accepts exactly the catalogue's keys,
 * so a part cannot show a word it does not ship.
 */
export function createI18n<Key extends string>(catalogue: Catalogue<Key>) {
  function translate(locale: Locale, key: Key, vars?: Vars): string {
    const template = catalogue[locale][key];
    if (!vars || template === undefined) return template;
    return applyPlurals(locale, template, vars).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
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
      month: (date: Date | string) => formatMonth(locale, new Date(date)),
      /** A programme title or store name in the current language. */
      localised: (text: LocalisedText) => text[locale],
    };
  }

  return { translate, useI18n };
}
