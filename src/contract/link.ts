import { z } from 'zod/mini';
import { text } from './text';
import { BirthdaySchema, normalisePhone, normaliseTypedNumber } from './profile';

/** A Japanese phone number as typed (full-width digits, any hyphens), compared as its 10–11 digits. */
const LinkPhoneSchema = z.pipe(
  z.pipe(text(), z.transform(normalisePhone)),
  text().check(z.regex(/^0\d{9,10}$/, 'profile.error.phone')),
);

/**
 * Linking an existing membership (paper card, web member): the member number plus one second
 * factor. Recovering a card another LINE account holds needs both the birthday and the phone
 * number (`birthday_and_phone`). Messages are i18n keys (`link.error.*`).
 */
export const SecondFactorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('birthday'), birthday: BirthdaySchema }),
  z.object({ kind: z.literal('phone'), phone: LinkPhoneSchema }),
  z.object({ kind: z.literal('birthday_and_phone'), birthday: BirthdaySchema, phone: LinkPhoneSchema }),
]);
export type SecondFactor = z.infer<typeof SecondFactorSchema>;
/** One factor, as a CRM checks it. */
export type SingleSecondFactor = Exclude<SecondFactor, { kind: 'birthday_and_phone' }>;

export const LinkRequestSchema = z.object({
  memberNumber: z.pipe(
    z.pipe(text('link.error.memberNumber'), z.transform((v: string) => normaliseTypedNumber(v).replace(/-/g, ''))),
    text('link.error.memberNumber').check(z.regex(/^\d{4,20}$/, 'link.error.memberNumber')),
  ),
  factor: SecondFactorSchema,
});
export type LinkRequest = z.input<typeof LinkRequestSchema>;

export const LinkResultSchema = z.object({
  /** linked: a CRM membership joined this card; recovered: an existing card moved to this LINE account. */
  outcome: z.enum(['linked', 'recovered']),
  memberNumber: text(),
  transferredPoints: z.number().check(z.int(), z.nonnegative()),
  incentivePoints: z.number().check(z.int(), z.nonnegative()),
  /** The bonus of a link campaign running at the time (#17), on top of the incentive; absent means none. */
  campaignBonusPoints: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  oldNumber: z.enum(['kept', 'retired']),
});
export type LinkResult = z.infer<typeof LinkResultSchema>;

export const LinkStatusSchema = z.object({
  link: z.nullable(z.object({ crmMemberNumber: text(), linkedAt: z.iso.datetime({ offset: true }) })),
  /** Points a first link of a CRM membership earns. */
  linkPoints: z.number().check(z.int(), z.nonnegative()),
});
export type LinkStatus = z.infer<typeof LinkStatusSchema>;

/** DELETE /api/me/account: withdrawal erases personal data, so the request must say so explicitly. */
export const WithdrawRequestSchema = z.object({ confirm: z.literal('withdraw') });
export type WithdrawRequest = z.infer<typeof WithdrawRequestSchema>;
