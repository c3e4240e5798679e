import { z } from 'zod/mini';

export const SymbologySchema = z.enum(['EAN13', 'CODE128', 'NW7']);
export type Symbology = z.infer<typeof SymbologySchema>;

export const MemberCardSchema = z.object({
  brandName: z.string(),
  memberNumber: z.string().check(z.regex(/^\d+$/)),
  symbology: SymbologySchema,
  displayName: z.nullable(z.string()),
  pointsBalance: z.number().check(z.int(), z.nonnegative()),
  tier: z.object({ id: z.string(), name: z.string() }),
});
export type MemberCard = z.infer<typeof MemberCardSchema>;
