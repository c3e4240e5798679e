import { z } from 'zod/mini';
import { text } from './text';

export const SymbologySchema = z.enum(['EAN13', 'CODE128', 'NW7']);
export type Symbology = z.infer<typeof SymbologySchema>;

/** Instants travel as ISO-8601 strings in UTC; the SPA shows them in Asia/Tokyo. */
export const InstantSchema = z.iso.datetime({ offset: true });

const points = z.number().check(z.int(), z.nonnegative());
const yen = z.number().check(z.int(), z.nonnegative());

export const TierRefSchema = z.object({ id: text(), name: text(), minSpendYen: yen });

export const TierProgressSchema = z.object({
  current: TierRefSchema,
  /** The next tier up, or null at the top. */
  next: z.nullable(TierRefSchema),
  /** Qualifying spend over the tier window (trailing months, JST). */
  spendYen: yen,
  /** Spend still needed for the next tier (0 at the top). */
  gapYen: yen,
  /** 0..1 progress from the current tier's threshold to the next one. */
  ratio: z.number().check(z.gte(0), z.lte(1)),
});
export type TierProgress = z.infer<typeof TierProgressSchema>;

export const ExpiringPointsSchema = z.object({ points, expiresAt: InstantSchema });
export type ExpiringPoints = z.infer<typeof ExpiringPointsSchema>;

const hexColour = text().check(z.regex(/^#[0-9a-fA-F]{6}$/));

/** The card's look for the member's tier, from the programme's brand settings. */
export const CardFaceSchema = z.object({ background: hexColour, text: hexColour, badgeBackground: hexColour, badgeText: hexColour });
export type CardFace = z.infer<typeof CardFaceSchema>;

export const BrandLogoSchema = z.object({ src: text(), alt: text() });

export const MemberCardSchema = z.object({
  brandName: text(),
  face: CardFaceSchema,
  logo: z.nullable(BrandLogoSchema),
  memberNumber: text().check(z.regex(/^\d+$/)),
  symbology: SymbologySchema,
  displayName: z.nullable(text()),
  pointsBalance: points,
  /** The soonest-expiring live points, or null without points. */
  soonestExpiry: z.nullable(ExpiringPointsSchema),
  tier: TierProgressSchema,
  stamps: z.object({ count: z.number().check(z.int(), z.nonnegative()), cardSize: z.number().check(z.int(), z.positive()) }),
  usableCouponCount: z.number().check(z.int(), z.nonnegative()),
});
export type MemberCard = z.infer<typeof MemberCardSchema>;
