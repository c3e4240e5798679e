import { z } from 'zod/mini';

/**
 * What LIFF's getFriendship() said on the shopper's phone: whether they are a friend of the
 * channel's Official Account. The Messaging API reaches friends only, so the dashboard counts them.
 */
export const ReportFriendshipRequestSchema = z.object({ friend: z.boolean() });
export type ReportFriendshipRequest = z.infer<typeof ReportFriendshipRequestSchema>;
