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

export const ProfileInputSchema = z.object({
  fullName: z.pipe(trimmed(), field().check(required, z.maxLength(50, 'profile.error.tooLong'))),
  kana: z.pipe(
    trimmed(),
    field().check(required, z.maxLength(50, 'profile.error.tooLong'), z.regex(/^[ァ-ヶー・\s\u3000]+$/u, 'profile.error.kana')),
  ),
  birthday: BirthdaySchema,
  phone: PhoneSchema,
  email: field().check(required, z.maxLength(254, 'profile.error.tooLong'), z.email('profile.error.email')),
  postalCode: PostalCodeSchema,
  marketingConsent: z.boolean(),
  termsAccepted: z.literal(true, 'profile.error.terms'),
});
export type ProfileInput = z.input<typeof ProfileInputSchema>;

export const ProfileSchema = z.object({
  fullName: text(),
  kana: text(),
  birthday: text(),
  phone: text(),
  email: text(),
  postalCode: text(),
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
