import { z } from 'zod/mini';
import { text } from './text';

/** A name or title the programme defines in both languages the app speaks; each client shows its own. */
export const LocalisedTextSchema = z.object({ ja: text(), en: text() });
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;
