import { z } from 'zod/mini';
import { text } from './text';

/**
 * The profile form, validated by the same schema in the SPA and the BFF. Error messages are i18n
 * keys (`profile.error.*` in the shopper's catalogue, src/app/lib/messages.ja.ts): the SPA shows
 * them in the shopper's language and the BFF returns them per field in `error.fields`.
 */

const required = z.minLength(1, 'profile.error.required');
/** A form field: control characters get the form's own message. */
const field = () => text('profile.error.characters');
const trimmed = () => z.pipe(field(), z.transform((value: string) => value.trim()));

/** A real calendar date 'YYYY-MM-DD' from 1900 on (the BFF also refuses a date after today, on its own clock). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const asDate = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && asDate.getUTCFullYear() === year && asDate.getUTCMonth() === month - 1 && asDate.getUTCDate() === day;
}

export const BirthdaySchema = field().check(required, z.refine(isCalendarDate, 'profile.error.birthday'));

/**
 * A number as a Japanese shopper types it: full-width digits from the IME become ASCII, hyphens of
 * every width (-, －, ー, ‐, −, –) become '-', spaces (half- and full-width) go.
 */
export function normaliseTypedNumber(value: string): string {
  return value
    .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0D\u30FC\u2010\u2011\u2012\u2013\u2212]/g, '-')
    .replace(/[\s\u3000]/g, '');
}

/** Digits only, so the same number matches however it was typed. */
export function normalisePhone(phone: string): string {
  return normaliseTypedNumber(phone).replace(/-/g, '');
}

/** Japanese phone numbers: 10 or 11 digits starting with 0, hyphens allowed, typed in either width. */
export const PhoneSchema = z.pipe(
  z.pipe(field(), z.transform(normaliseTypedNumber)),
  field().check(required, z.regex(/^0\d{1,4}-?\d{1,4}-?\d{3,4}$/, 'profile.error.phone'), z.refine((v) => /^\d{10,11}$/.test(v.replace(/-/g, '')), 'profile.error.phone')),
);

/** 〒150-0001, １５００００１ or 1500001: kept as its 7 digits. */
export const PostalCodeSchema = z.pipe(
  z.pipe(field(), z.transform((value: string) => normaliseTypedNumber(value).replace(/^〒/, '').replace(/-/g, ''))),
  field().check(required, z.regex(/^\d{7}$/, 'profile.error.postalCode')),
);

/**
 * Kana as a shopper may type it, made into full-width katakana: hiragana (the IME's default) and
 * half-width katakana become full-width katakana, and runs of spaces of either width become one
 * full-width space. Anything else (latin, kanji) is left as typed, for the schema to refuse.
 */
export function normaliseKana(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u3041-\u3096\u309D\u309E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60))
    .trim()
    .replace(/\s+/g, '\u3000');
}

/**
 * A single name as older records and the CRM hold it ('山田 太郎', or with a full-width space) split at its first
 * space into family and given name; with no space it all stays the family name.
 */
export function splitFullName(value: string): { family: string; given: string } {
  const whole = value.trim();
  const match = /^(\S+)\s+(.+)$/u.exec(whole);
  return match ? { family: match[1]!, given: match[2]!.trim() } : { family: whole, given: '' };
}

const nameField = () =>
  z.pipe(
    z.pipe(field(), z.transform((value: string) => value.trim().replace(/\s+/g, ' '))),
    field().check(required, z.maxLength(30, 'profile.error.tooLong')),
  );
const kanaField = () =>
  z.pipe(
    z.pipe(field(), z.transform(normaliseKana)),
    field().check(required, z.maxLength(30, 'profile.error.tooLong'), z.regex(/^[ァ-ヶーヽヾ・\u3000]+$/u, 'profile.error.kana')),
  );

/** The 47 prefectures in Japan Post's (JIS X 0401) order: the form's choices and the only values accepted. */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;
export type Prefecture = (typeof PREFECTURES)[number];
const isPrefecture = (value: string): value is Prefecture => (PREFECTURES as readonly string[]).includes(value);

export const ProfileInputSchema = z.object({
  familyName: nameField(),
  givenName: nameField(),
  familyKana: kanaField(),
  givenKana: kanaField(),
  birthday: BirthdaySchema,
  phone: PhoneSchema,
  email: field().check(required, z.maxLength(254, 'profile.error.tooLong'), z.email('profile.error.email')),
  postalCode: PostalCodeSchema,
  prefecture: field().check(z.refine(isPrefecture, 'profile.error.prefecture')),
  city: z.pipe(trimmed(), field().check(required, z.maxLength(50, 'profile.error.tooLong'))),
  /** Town, block and house number (町域・番地). */
  street: z.pipe(trimmed(), field().check(required, z.maxLength(100, 'profile.error.tooLong'))),
  /** Building and room: optional. */
  building: z.pipe(trimmed(), field().check(z.maxLength(100, 'profile.error.tooLong'))),
  marketingConsent: z.boolean(),
  termsAccepted: z.literal(true, 'profile.error.terms'),
});
export type ProfileInput = z.input<typeof ProfileInputSchema>;

export const ProfileSchema = z.object({
  familyName: text(),
  givenName: text(),
  familyKana: text(),
  givenKana: text(),
  birthday: text(),
  phone: text(),
  email: text(),
  postalCode: text(),
  prefecture: text(),
  city: text(),
  street: text(),
  building: text(),
  marketingConsent: z.boolean(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ProfileViewSchema = z.object({
  profile: z.nullable(ProfileSchema),
  completed: z.boolean(),
  /** False once the birthday is set and the programme allows no further change by the shopper. */
  birthdayEditable: z.boolean(),
  /** Bonus points for completing the profile (0 when already awarded or none configured). */
  completionPoints: z.number().check(z.int(), z.nonnegative()),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const SaveProfileResponseSchema = z.object({
  view: ProfileViewSchema,
  pointsAwarded: z.number().check(z.int(), z.nonnegative()),
  birthdayCouponIssued: z.boolean(),
});
export type SaveProfileResponse = z.infer<typeof SaveProfileResponseSchema>;
