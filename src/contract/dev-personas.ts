import { z } from 'zod/mini';
import { text } from './text';
import { PurchaseAmountYenSchema, ReceiptIdSchema } from './purchases';

/** Development-only endpoints: personas of the mocked LIFF browser and their ID tokens. */
export const DevPersonaSchema = z.object({ id: text(), displayName: text(), description: text() });
export type DevPersona = z.infer<typeof DevPersonaSchema>;

export const DevPersonaListSchema = z.object({ personas: z.array(DevPersonaSchema) });

export const DevIdTokenRequestSchema = z.object({ personaId: text().check(z.minLength(1), z.maxLength(64)) });
/** What the mocked LIFF browser simulates for the persona: inside LINE or not, friendship, optional APIs. */
export const DevLiffClientSchema = z.object({
  inLineClient: z.boolean(),
  friend: z.boolean(),
  apis: z.array(text()),
  /** `liff.getOS()`: which wallet buttons the card offers ('web' when unset: both, for development). */
  os: z.optional(z.enum(['ios', 'android', 'web'])),
});
export type DevLiffClient = z.infer<typeof DevLiffClientSchema>;

export const DevIdTokenResponseSchema = z.object({
  idToken: text(),
  profile: z.object({ userId: text(), displayName: text() }),
  liffClient: DevLiffClientSchema,
});
export type DevIdTokenResponse = z.infer<typeof DevIdTokenResponseSchema>;

/** Development-only register simulator: a purchase for a persona, as the clerk console records it. */
export const DevPurchaseRequestSchema = z.object({
  personaId: text().check(z.minLength(1), z.maxLength(64)),
  amountYen: PurchaseAmountYenSchema,
  receiptId: ReceiptIdSchema,
});
