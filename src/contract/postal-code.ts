import { z } from 'zod/mini';
import { PostalCodeSchema } from './profile';
import { text } from './text';

/**
 * GET /api/postal-codes/:code — the address a postal code stands for, from the table the BFF ships
 * (Japan Post's KEN_ALL, converted ahead of time: no outside call while serving). The code may be
 * typed as the shopper typed it (〒, hyphen, full-width digits); an unknown code answers 404.
 */
export const PostalCodeParamsSchema = z.object({ code: PostalCodeSchema });

/** One area a code covers. Most codes cover one town; some cover several (then the form fills only what they share). */
export const PostalAreaSchema = z.object({
  prefecture: text(),
  city: text(),
  /** The town (町域); '' when the code covers the whole city ("以下に掲載がない場合"). */
  town: text(),
});
export type PostalArea = z.infer<typeof PostalAreaSchema>;

export const PostalCodeLookupSchema = z.object({
  postalCode: text(),
  areas: z.array(PostalAreaSchema).check(z.minLength(1)),
});
export type PostalCodeLookup = z.infer<typeof PostalCodeLookupSchema>;
