import { z } from 'zod/mini';
import { text } from './text';

/** Every non-2xx answer of the BFF has this body. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: text(),
    message: text(),
    /** Per-field problems of a rejected request body. */
    fields: z.optional(z.record(text(), text())),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
