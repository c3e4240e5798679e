import { z } from 'zod/mini';

/**
 * The shopper's LINE message choices (GET / PUT /api/me/message-preferences), shown in マイページ.
 * `purchaseReceipts`: a LINE message after each purchase with the points earned and the new balance.
 */
export const MessagePreferencesSchema = z.object({ purchaseReceipts: z.boolean() });
export type MessagePreferences = z.infer<typeof MessagePreferencesSchema>;

export const UpdateMessagePreferencesRequestSchema = MessagePreferencesSchema;
export type UpdateMessagePreferencesRequest = z.infer<typeof UpdateMessagePreferencesRequestSchema>;
