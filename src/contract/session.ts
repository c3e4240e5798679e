import { z } from 'zod/mini';
import { MemberCardSchema } from './card';
import { text } from './text';

export const CreateSessionRequestSchema = z.object({
  idToken: text().check(z.minLength(1, 'idToken is required'), z.maxLength(4096, 'idToken is too long')),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequestSchema>;

export const CreateSessionResponseSchema = z.object({
  memberNumber: text(),
  /** True when this call created the member (ID-first registration). */
  isNewMember: z.boolean(),
  /** The card itself, so opening the app takes one round trip to the BFF, not two. */
  card: MemberCardSchema,
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponseSchema>;
