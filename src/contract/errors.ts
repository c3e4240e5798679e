import { z } from 'zod/mini';

/** Every non-2xx answer of the BFF has this body. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Per-field problems of a rejected request body. */
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
