import { z } from 'zod/mini';
import { text } from './text';
import { ExpiringPointsSchema, InstantSchema, TierProgressSchema } from './card';
import { CouponSchema } from './coupons';
import { JstDaySchema } from './dashboard';
import { LocalisedTextSchema } from './localised';

/** The clerk console's API (/api/staff/*): staff sessions, member lookup, register actions, audit. */

export const StaffRoleSchema = z.enum(['clerk', 'manager', 'admin', 'marketing']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffLoginRequestSchema = z.object({
  username: text().check(z.minLength(1, 'Enter your staff id'), z.maxLength(64)),
  password: text().check(z.minLength(1, 'Enter your password'), z.maxLength(256)),
});
export type StaffLoginRequest = z.infer<typeof StaffLoginRequestSchema>;

export const StaffMeSchema = z.object({
  username: text(),
  displayName: text(),
  storeId: text(),
  role: StaffRoleSchema,
  sessionExpiresAt: InstantSchema,
  /** The store's name from the programme config; null for a store it does not list. */
  storeName: z.nullable(LocalisedTextSchema),
});
export type StaffMe = z.infer<typeof StaffMeSchema>;

/** Shown on the login page only where the BFF runs with seeded demo data (dev/mock mode). */
export const DemoStaffListSchema = z.object({
  password: text(),
  accounts: z.array(z.object({ username: text(), storeId: text(), role: StaffRoleSchema })),
});
export type DemoStaffList = z.infer<typeof DemoStaffListSchema>;

/** What a scanner, the camera or the clerk's keyboard produced: a static member number or a rotating code. */
const scannedCode = text().check(z.minLength(1, 'Scan or type the member code'), z.maxLength(64));

/**
 * A checkout authorisation: scanning the shopper's rotating code opens it, and every spend of that
 * checkout names it instead of presenting the (single-use) code again. Only the staff session that
 * scanned the code may use it, until it expires or 「次のお客様」 / logout ends it.
 */
const checkoutId = text().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Checkout: the id the member lookup answered with'));

export const CheckoutAuthorisationSchema = z.object({ id: checkoutId, expiresAt: InstantSchema });
export type CheckoutAuthorisation = z.infer<typeof CheckoutAuthorisationSchema>;

/** A scan (`code`), or the member of a checkout this register holds (`checkout`, for a refresh after the code was used). */
export const MemberLookupRequestSchema = z.union([z.object({ code: scannedCode }), z.object({ checkout: checkoutId })]);
export type MemberLookupRequest = z.infer<typeof MemberLookupRequestSchema>;

/** Who an action is for: the checkout authorisation the lookup opened, or a scanned code (one of the two). */
const memberReference = {
  memberCode: z.optional(scannedCode),
  checkout: z.optional(checkoutId),
};
const oneMemberReference = z.refine<{ memberCode?: string; checkout?: string }>(
  (body) => (body.memberCode === undefined) !== (body.checkout === undefined),
  'Send either memberCode or checkout',
);

export const CheckoutEndRequestSchema = z.object({ checkout: checkoutId });
export type CheckoutEndRequest = z.infer<typeof CheckoutEndRequestSchema>;

export const CodeKindSchema = z.enum(['static', 'rotating']);

export const StaffMemberViewSchema = z.object({
  memberNumber: text(),
  /** null while the profile is incomplete: the console shows 未登録. */
  displayName: z.nullable(text()),
  codeKind: CodeKindSchema,
  /** The code as the BFF understood it (the member number for a checkout's refresh); actions without a checkout send it back. */
  memberCode: text(),
  /** Open when a rotating code was scanned: every spend of this checkout sends its id, not the used code. */
  checkout: z.nullable(CheckoutAuthorisationSchema),
  /** Whether this code allows earning / spending under the programme's rotating-code rule. */
  allows: z.object({ earn: z.boolean(), spend: z.boolean() }),
  pointsBalance: z.number(),
  soonestExpiry: z.nullable(ExpiringPointsSchema),
  tier: TierProgressSchema,
  stamps: z.object({ count: z.number(), cardSize: z.number() }),
  usableCoupons: z.array(CouponSchema),
});
export type StaffMemberView = z.infer<typeof StaffMemberViewSchema>;

const receiptId = text().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'Receipt id: letters, digits, . _ : - (up to 64)'));
const positiveInt = (message: string) => z.number().check(z.int(message), z.positive(message));

/** A manager's (or admin's) credential sent with an action above the programme's approval threshold. */
export const StaffApprovalSchema = z.object({
  username: text().check(z.minLength(1, "Enter the manager's staff id"), z.maxLength(64)),
  password: text().check(z.minLength(1, "Enter the manager's password"), z.maxLength(256)),
});
export type StaffApproval = z.infer<typeof StaffApprovalSchema>;

export const RecordPurchaseRequestSchema = z
  .object({
    ...memberReference,
    receiptId,
    amountYen: positiveInt('Amount: a whole number of yen above 0').check(z.lte(10_000_000, 'Amount: at most ¥10,000,000')),
    approval: z.optional(StaffApprovalSchema),
  })
  .check(oneMemberReference);
export type RecordPurchaseRequest = z.infer<typeof RecordPurchaseRequestSchema>;

export const RecordPurchaseResponseSchema = z.object({
  replayed: z.boolean(),
  receiptId: text(),
  amountYen: z.number(),
  pointsEarned: z.number(),
  stampAwarded: z.boolean(),
  rewardCoupon: z.nullable(CouponSchema),
  pointsBalance: z.number(),
});
export type RecordPurchaseResponse = z.infer<typeof RecordPurchaseResponseSchema>;

export const RedeemPointsRequestSchema = z
  .object({
    ...memberReference,
    points: positiveInt('Points: a whole number above 0').check(z.lte(10_000_000)),
  })
  .check(oneMemberReference);
export type RedeemPointsRequest = z.infer<typeof RedeemPointsRequestSchema>;

export const RedeemPointsResponseSchema = z.object({ replayed: z.boolean(), points: z.number(), pointsBalance: z.number() });
export type RedeemPointsResponse = z.infer<typeof RedeemPointsResponseSchema>;

export const RedeemCouponRequestSchema = z
  .object({
    ...memberReference,
    couponCode: text().check(z.minLength(1, 'Scan or type the coupon code'), z.maxLength(64)),
  })
  .check(oneMemberReference);
export type RedeemCouponRequest = z.infer<typeof RedeemCouponRequestSchema>;

export const RedeemCouponResponseSchema = z.object({ replayed: z.boolean(), coupon: CouponSchema });
export type RedeemCouponResponse = z.infer<typeof RedeemCouponResponseSchema>;

/**
 * A purchase of the clerk's store by its receipt (GET /api/staff/purchases/:receiptId): what a void
 * would undo, shown before the clerk confirms it.
 */
export const PurchasePreviewSchema = z.object({
  receiptId: text(),
  amountYen: z.number(),
  pointsEarned: z.number(),
  stampAwarded: z.boolean(),
  at: InstantSchema,
  storeName: z.nullable(LocalisedTextSchema),
  memberNumber: z.nullable(text()),
  /** Set once voided: voiding it again changes nothing. */
  voidedAt: z.nullable(InstantSchema),
});
export type PurchasePreview = z.infer<typeof PurchasePreviewSchema>;
export const PurchasePreviewParamsSchema = z.object({ receiptId });

export const VoidPurchaseRequestSchema = z.object({ receiptId });
export type VoidPurchaseRequest = z.infer<typeof VoidPurchaseRequestSchema>;

export const VoidPurchaseResponseSchema = z.object({
  replayed: z.boolean(),
  receiptId: text(),
  reversedPoints: z.number(),
  unrecoverablePoints: z.number(),
  pointsBalance: z.number(),
});
export type VoidPurchaseResponse = z.infer<typeof VoidPurchaseResponseSchema>;

/** Sent with every redeeming action attempt; a retried click reuses it and cannot spend twice. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IdempotencyKeySchema = text().check(z.regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key: 8–100 letters, digits, _ or -'));

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: InstantSchema,
  username: text(),
  storeId: z.nullable(text()),
  storeName: z.nullable(LocalisedTextSchema),
  memberNumber: z.nullable(text()),
  action: text(),
  result: z.enum(['ok', 'refused']),
  detail: z.record(text(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditLogSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditLog = z.infer<typeof AuditLogSchema>;

/** Full-width digits and letters from a Japanese IME become ASCII; scanners' stray spaces go. */
export function normaliseScannedCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '');
}

/**
 * The day's patterns a manager should look at (GET /api/staff/anomalies?day=YYYY-MM-DD, managers and
 * admins; a manager sees their own store): many voids by one clerk, many purchases by one member,
 * purchases near the per-purchase limit. Thresholds come from the programme config.
 */
export const AnomalySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('many_voids'), username: text(), count: z.number(), threshold: z.number() }),
  z.object({ kind: z.literal('many_purchases'), memberNumber: text(), count: z.number(), amountYen: z.number(), threshold: z.number() }),
  z.object({ kind: z.literal('near_limit'), memberNumber: text(), receiptId: text(), amountYen: z.number(), limitYen: z.number(), at: InstantSchema }),
]);
export type Anomaly = z.infer<typeof AnomalySchema>;

export const AnomalyListSchema = z.object({
  day: JstDaySchema,
  /** null: every store (admins). */
  storeId: z.nullable(text()),
  anomalies: z.array(AnomalySchema),
});
export type AnomalyList = z.infer<typeof AnomalyListSchema>;

export const AnomalyQuerySchema = z.object({ day: z.optional(JstDaySchema) });
