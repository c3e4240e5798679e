import { z } from 'zod';
import { hasControlCharacters } from '../../contract/text';

/**
 * Every loyalty rule of the programme lives here, validated once at start-up.
 * Nothing else in the code base hard-codes a rate, a threshold or a validity.
 */

const yen = z.number().int().nonnegative();

export const SymbologySchema = z.enum(['EAN13', 'CODE128', 'NW7']);

const TierSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'tier id: upper-case letters, digits, _'),
  name: z.string().min(1),
  /** Spend over the qualification window needed to hold this tier. */
  minSpendYen: yen,
  /** Points earned per ¥100 spent, floored per purchase. At most two decimals, so earning stays integer maths. */
  pointsPer100Yen: z
    .number()
    .nonnegative()
    .refine((rate) => Math.abs(rate * 100 - Math.round(rate * 100)) < 1e-9, 'pointsPer100Yen: at most two decimals'),
});

const DiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), percent: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('yen'), yen: yen.min(1) }),
]);

const count = z.number().int().min(1);

/** A title or name in both languages the app speaks. An older config's plain string serves both until it is translated. */
const LocalisedSchema = z.union([
  z.object({ ja: z.string().min(1), en: z.string().min(1) }),
  z.string().min(1).transform((text) => ({ ja: text, en: text })),
]);

/**
 * The brand's stores: the id staff accounts and purchases carry, and the name shoppers and staff
 * read (the points history, the dashboard, the audit log). An id not listed shows no name.
 */
const StoreSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'store id: lower-case letters, digits, _ and -'),
  name: LocalisedSchema,
  /** Where the store is: Wallet passes show themselves on the lock screen near it. Optional (head office has none). */
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
});

/**
 * What one staff account may do alone at the register, against a clerk who records a fake purchase
 * for an accomplice to spend. A purchase past a limit is refused outright; one above the approval
 * threshold needs a manager's credential with the request; the anomaly list flags patterns for
 * managers to look at (Square alerts at 5 purchases by one customer a day).
 */
const RegisterControlsSchema = z.object({
  limits: z.object({
    maxPurchaseYen: yen.min(1),
    /** Per member per JST day, all stores; voided purchases count too, so void-and-redo cannot reset it. */
    maxPurchasesPerMemberPerDay: count,
    maxPointsPerMemberPerDay: count,
  }),
  approval: z.object({
    /** Purchases above this need a manager's (or admin's) credential of the same store. */
    purchaseAboveYen: yen,
  }),
  anomalies: z.object({
    voidsPerClerkPerDay: count,
    purchasesPerMemberPerDay: count,
    /** A purchase at or above this share of maxPurchaseYen is listed as near the limit. */
    nearLimitPercent: z.number().int().min(1).max(100),
  }),
});

export const defaultStores: Array<z.infer<typeof StoreSchema>> = [
  { id: 'shibuya', name: { ja: '渋谷店', en: 'Shibuya' }, location: { latitude: 35.6595, longitude: 139.7005 } },
  { id: 'shinjuku', name: { ja: '新宿店', en: 'Shinjuku' }, location: { latitude: 35.6909, longitude: 139.7003 } },
  { id: 'ginza', name: { ja: '銀座店', en: 'Ginza' }, location: { latitude: 35.6717, longitude: 139.765 } },
  { id: 'yokohama', name: { ja: '横浜店', en: 'Yokohama' }, location: { latitude: 35.4658, longitude: 139.6223 } },
  { id: 'nagoya', name: { ja: '名古屋店', en: 'Nagoya' }, location: { latitude: 35.1709, longitude: 136.8815 } },
  { id: 'umeda', name: { ja: '梅田店', en: 'Umeda' }, location: { latitude: 34.7025, longitude: 135.4959 } },
  { id: 'fukuoka', name: { ja: '福岡店', en: 'Fukuoka' }, location: { latitude: 33.5902, longitude: 130.4207 } },
  { id: 'sapporo', name: { ja: '札幌店', en: 'Sapporo' }, location: { latitude: 43.0687, longitude: 141.3508 } },
  { id: 'hq', name: { ja: '本部', en: 'Head office' } },
];

export const defaultRegisterControls: z.infer<typeof RegisterControlsSchema> = {
  limits: { maxPurchaseYen: 300_000, maxPurchasesPerMemberPerDay: 10, maxPointsPerMemberPerDay: 10_000 },
  approval: { purchaseAboveYen: 100_000 },
  anomalies: { voidsPerClerkPerDay: 3, purchasesPerMemberPerDay: 5, nearLimitPercent: 90 },
};

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

/** How a card looks: its band (title, logo) and the tier badge on it. */
const CardFaceSchema = z.object({
  background: hexColour,
  text: hexColour,
  badgeBackground: hexColour,
  badgeText: hexColour,
});

const BrandSchema = z.object({
  /**
   * The brand's mark on the card's band: a file under public/ (e.g. "/brand/logo.svg"), an https
   * URL the CSP allows, or a data: SVG/PNG. Null shows the brand name only.
   */
  logo: z
    .object({
      src: z.string().regex(/^(\/[\w./-]+|https:\/\/\S+|data:image\/(svg\+xml|png);base64,[A-Za-z0-9+/=]+)$/, 'a /path, an https URL or a data:image/svg+xml|png;base64 URI'),
      alt: z.string().min(1),
    })
    .nullable(),
  /** The card face of members without a face of their own tier. */
  face: CardFaceSchema,
  /** A face per tier id (e.g. a gold card for REINE); tiers not listed use `face`. */
  tierFaces: z.record(z.string(), CardFaceSchema),
});

export const defaultBrand: z.infer<typeof BrandSchema> = {
  logo: null,
  face: { background: '#1c1917', text: '#ffffff', badgeBackground: '#fcd34d', badgeText: '#1c1917' },
  tierFaces: {
    REINE: { background: '#5b1a3a', text: '#ffffff', badgeBackground: '#f5d0a9', badgeText: '#3b0d22' },
  },
};

export const ProgramConfigSchema = z
  .object({
    brandName: z.string().min(1),
    /** Optional in a config file: older files get the default look. */
    brand: BrandSchema.default(defaultBrand),
    timeZone: z.literal('Asia/Tokyo'),
    currency: z.literal('JPY'),
    /** What one point is worth at the register, in yen: the dashboard's liability is points × this. */
    pointValueYen: z.number().positive(),
    memberCode: z.object({
      symbology: SymbologySchema,
      /** EAN-13: two digits in the GS1 in-store range 20–29. CODE128 / NW-7: any digits. */
      prefix: z.string().regex(/^\d{1,4}$/),
      /** Short-lived code against screenshot sharing (TOTP-style, per-member secret, resolved only by the BFF). */
      rotating: z.object({
        enabled: z.boolean(),
        periodSeconds: z.number().int().min(30).max(60),
        symbology: z.enum(['QR', 'CODE128']),
        /** Earlier periods still accepted, so a code scanned just before it turns is not refused. */
        graceSteps: z.number().int().min(0).max(2),
        /** Which clerk actions refuse the static member number. */
        requiredFor: z.object({ earn: z.boolean(), spend: z.boolean() }),
        /**
         * The clerk's scan of a rotating code uses the code up and opens a checkout authorisation:
         * for this long (or until 「次のお客様」 / logout), the staff session that scanned it may
         * make every spend of that checkout (points, coupons) without scanning again. Anything
         * later needs the shopper's current code.
         */
        checkoutSeconds: z.number().int().min(30).max(600).default(300),
      }),
    }),
    tiers: z.array(TierSchema).min(1),
    tierWindow: z.object({ kind: z.literal('trailing-months'), months: z.number().int().min(1).max(36) }),
    pointExpiry: z.discriminatedUnion('policy', [
      /** Each lot expires at the end of the month `months` after it was earned. */
      z.object({ policy: z.literal('lot-end-of-month'), months: z.number().int().min(1).max(60) }),
      /** All points expire `months` after the member's last purchase. */
      z.object({ policy: z.literal('since-last-purchase'), months: z.number().int().min(1).max(60) }),
    ]),
    stamps: z.object({
      minPurchaseYen: yen,
      maxPerDay: z.number().int().min(1),
      cardSize: z.number().int().min(1).max(50),
      reward: z.object({ title: LocalisedSchema, discount: DiscountSchema, validDays: z.number().int().min(1) }),
    }),
    coupons: z.object({
      birthday: z.object({ enabled: z.boolean(), title: LocalisedSchema, discount: DiscountSchema }),
    }),
    incentives: z.object({
      /** One-time points for linking an existing membership (ZOZO-style), once per CRM member. */
      linkPoints: yen,
      /** One-time points for completing the profile. */
      profileCompletionPoints: yen,
    }),
    profile: z.object({
      /** After the birthday is first set: `once` lets the shopper change it one more time, `staff` leaves changes to staff. */
      birthdayChange: z.enum(['once', 'staff']),
    }),
    linking: z.object({
      /** After a link the old CRM number either stays scannable (resolves to the member) or is retired. */
      oldNumber: z.enum(['keep-scannable', 'retire']),
      /** Failed attempts allowed per member and per client address within `windowMinutes` before a lockout. */
      maxFailuresPerMember: z.number().int().min(1),
      maxFailuresPerAddress: z.number().int().min(1),
      windowMinutes: z.number().int().min(1),
      lockoutMinutes: z.number().int().min(1),
      /**
       * Failed attempts at one membership (its number), counted across every LINE account and
       * address within `targetWindowMinutes`; the next attempt locks that membership's linking and
       * recovery for `targetLockoutMinutes` and tells its holder on LINE.
       */
      maxFailuresPerTarget: z.number().int().min(1).default(5),
      targetWindowMinutes: z.number().int().min(1).default(24 * 60),
      targetLockoutMinutes: z.number().int().min(1).default(24 * 60),
    }),
    messaging: z.object({
      /** "Points expiring" push: lots expiring within this many days. */
      expiringWithinDays: z.number().int().min(1),
      /** "あと ¥X で REINE" push when the gap to the next tier is at most this. */
      tierGapNudgeYen: yen,
    }),
    /** Optional in a config file: older files get the defaults. */
    stores: z.array(StoreSchema).default(() => defaultStores),
    registerControls: RegisterControlsSchema.default(defaultRegisterControls),
    privacy: z
      .object({
        /** Client addresses in the membership audit are needed for rate limits and incident review, not for ever: the daily job blanks older ones. */
        auditAddressRetentionDays: z.number().int().min(1).max(3_650),
      })
      .default({ auditAddressRetentionDays: 90 }),
  })
  .superRefine((config, ctx) => {
    const { symbology, prefix } = config.memberCode;
    if (symbology === 'EAN13' && !/^2\d$/.test(prefix)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memberCode', 'prefix'],
        message: 'EAN-13 member numbers need a two-digit GS1 in-store prefix from 20 to 29',
      });
    }
    if (config.tiers[0]?.minSpendYen !== 0) {
      ctx.addIssue({ code: 'custom', path: ['tiers', 0], message: 'the first tier must start at ¥0' });
    }
    for (let i = 1; i < config.tiers.length; i++) {
      if (config.tiers[i]!.minSpendYen <= config.tiers[i - 1]!.minSpendYen) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i], message: 'tiers must be in ascending order of minSpendYen' });
      }
    }
    if (new Set(config.stores.map((s) => s.id)).size !== config.stores.length) {
      ctx.addIssue({ code: 'custom', path: ['stores'], message: 'store ids must be unique' });
    }
    if (new Set(config.tiers.map((t) => t.id)).size !== config.tiers.length) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'tier ids must be unique' });
    }
    const tierIds = new Set(config.tiers.map((t) => t.id));
    const faces = [['face', config.brand.face] as const, ...Object.entries(config.brand.tierFaces).map(([id, face]) => [`tierFaces.${id}`, face] as const)];
    for (const [id] of Object.entries(config.brand.tierFaces)) {
      if (!tierIds.has(id)) ctx.addIssue({ code: 'custom', path: ['brand', 'tierFaces', id], message: `no tier has the id ${id}` });
    }
    // The card's words must stay readable on the brand's colours (WCAG 2.2 AA, 4.5:1 for text).
    for (const [path, face] of faces) {
      for (const [fg, bg, what] of [[face.text, face.background, 'text'], [face.badgeText, face.badgeBackground, 'badgeText']] as const) {
        const ratio = contrastRatio(fg, bg);
        if (ratio < 4.5) ctx.addIssue({ code: 'custom', path: ['brand', ...path.split('.'), what], message: `contrast ${ratio.toFixed(2)}:1 is below 4.5:1` });
      }
    }
    const { limits, approval } = config.registerControls;
    if (approval.purchaseAboveYen >= limits.maxPurchaseYen) {
      ctx.addIssue({
        code: 'custom',
        path: ['registerControls', 'approval', 'purchaseAboveYen'],
        message: 'the approval threshold must be below limits.maxPurchaseYen, or approval never applies',
      });
    }
  })
  .superRefine(refuseControlCharacters);

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Titles and names reach the SPA through the contract, which refuses control characters: a config holding one would break the card. */
function refuseControlCharacters(value: unknown, ctx: z.RefinementCtx, path: Array<string | number> = []): void {
  if (typeof value === 'string') {
    if (hasControlCharacters(value)) ctx.addIssue({ code: 'custom', path, message: 'must not contain control characters' });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) refuseControlCharacters(child, ctx, [...path, Array.isArray(value) ? Number(key) : key]);
  }
}

export type ProgramConfig = z.infer<typeof ProgramConfigSchema>;
export type Symbology = z.infer<typeof SymbologySchema>;
export type RegisterControls = z.infer<typeof RegisterControlsSchema>;
export type CardFace = z.infer<typeof CardFaceSchema>;
export type Store = ProgramConfig['stores'][number];

/** A store's name in both languages, or null for an id the programme does not list. */
export function storeName(program: Pick<ProgramConfig, 'stores'>, storeId: string | null): { ja: string; en: string } | null {
  if (storeId === null) return null;
  return program.stores.find((store) => store.id === storeId)?.name ?? null;
}

export const defaultProgramConfig: ProgramConfig = {
  brandName: 'Member Card',
  brand: defaultBrand,
  timeZone: 'Asia/Tokyo',
  currency: 'JPY',
  pointValueYen: 1,
  memberCode: {
    symbology: 'EAN13',
    prefix: '29',
    rotating: { enabled: true, periodSeconds: 30, symbology: 'CODE128', graceSteps: 1, requiredFor: { earn: false, spend: true }, checkoutSeconds: 300 },
  },
  tiers: [
    { id: 'REGULAR', name: 'REGULAR', minSpendYen: 0, pointsPer100Yen: 1 },
    { id: 'REINE', name: 'REINE', minSpendYen: 50_000, pointsPer100Yen: 3 },
  ],
  tierWindow: { kind: 'trailing-months', months: 12 },
  pointExpiry: { policy: 'lot-end-of-month', months: 12 },
  stamps: {
    minPurchaseYen: 1_000,
    maxPerDay: 1,
    cardSize: 10,
    reward: { title: { ja: 'スタンプ特典 ¥1,000 OFF', en: 'Stamp card reward: ¥1,000 off' }, discount: { kind: 'yen', yen: 1_000 }, validDays: 90 },
  },
  coupons: {
    birthday: { enabled: true, title: { ja: 'バースデー 10% OFF', en: 'Birthday: 10% off' }, discount: { kind: 'percent', percent: 10 } },
  },
  incentives: { linkPoints: 300, profileCompletionPoints: 100 },
  profile: { birthdayChange: 'once' },
  linking: {
    oldNumber: 'keep-scannable',
    maxFailuresPerMember: 5,
    maxFailuresPerAddress: 20,
    windowMinutes: 15,
    lockoutMinutes: 30,
    maxFailuresPerTarget: 5,
    targetWindowMinutes: 24 * 60,
    targetLockoutMinutes: 24 * 60,
  },
  messaging: { expiringWithinDays: 30, tierGapNudgeYen: 10_000 },
  stores: defaultStores,
  registerControls: defaultRegisterControls,
  privacy: { auditAddressRetentionDays: 90 },
};

/** Parses a programme config (e.g. from PROGRAM_CONFIG_FILE) and fails with every problem listed. */
export function parseProgramConfig(input: unknown): ProgramConfig {
  const result = ProgramConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid programme config:\n${problems.join('\n')}`);
  }
  return result.data;
}
