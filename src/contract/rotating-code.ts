import { z } from 'zod/mini';
import { text } from './text';
import { InstantSchema } from './card';

/** The shopper's rotating code (GET /api/me/rotating-code). */
export const RotatingCodeSchema = z.object({
  code: text(),
  symbology: z.enum(['QR', 'CODE128']),
  periodSeconds: z.number(),
  expiresAt: InstantSchema,
});
export type RotatingCode = z.infer<typeof RotatingCodeSchema>;
