import { z } from 'zod/mini';

/** The only module that reads import.meta.env; parsed once, failing loudly with what is wrong. */
const ClientEnvSchema = z.object({
  VITE_LIFF_ID: z.string().check(z.minLength(1, 'VITE_LIFF_ID is required (your LIFF app id, or any text in mock mode)')),
  VITE_LIFF_MOCK: z._default(z.enum(['true', 'false']), 'false'),
  /** The Official Account's basic id (e.g. @abc1234): the "add friend" link where liff.requestFriendship is unavailable. */
  VITE_LINE_OA_BASIC_ID: z.optional(z.string().check(z.regex(/^@[\w.-]+$/, 'VITE_LINE_OA_BASIC_ID looks like @abc1234'))),
});

const parsed = ClientEnvSchema.safeParse(import.meta.env);
if (!parsed.success) {
  throw new Error(`Invalid client configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

export const clientEnv = { liffId: parsed.data.VITE_LIFF_ID, officialAccountBasicId: parsed.data.VITE_LINE_OA_BASIC_ID };

/** A literal comparison so the production build drops the mock branch entirely. */
export const liffMockEnabled = import.meta.env.VITE_LIFF_MOCK === 'true';
