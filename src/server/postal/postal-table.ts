import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PostalArea } from '../../contract/postal-code';
import { PREFECTURES } from '../../contract/profile';

/**
 * The postal-code table as the repository ships it (postal-codes.json, written by
 * scripts/postal/build-postal-table.ts from Japan Post's KEN_ALL): cities by their 5-digit local
 * government code, whose first two digits are the prefecture's JIS code (01 北海道 … 47 沖縄県), and
 * per postal code the [city code, town] pairs it covers.
 */
const cityCode = z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])\d{3}$/);
export const PostalTableFileSchema = z
  .object({
    source: z.string(),
    cities: z.record(cityCode, z.string().min(1)),
    codes: z.record(z.string().regex(/^\d{7}$/), z.array(z.tuple([cityCode, z.string()])).min(1)),
  })
  .refine((file) => Object.values(file.codes).every((areas) => areas.every(([city]) => city in file.cities)), 'every code names a city of the table');
export type PostalTableFile = z.infer<typeof PostalTableFileSchema>;

export type PostalTable = {
  /** The areas a 7-digit code covers; empty for a code the table does not hold. */
  lookup(postalCode: string): PostalArea[];
  size: number;
};

export function postalTable(file: PostalTableFile): PostalTable {
  const prefectureOf = (city: string) => PREFECTURES[Number(city.slice(0, 2)) - 1]!;
  return {
    lookup: (postalCode) => (Object.hasOwn(file.codes, postalCode) ? file.codes[postalCode]! : []).map(([city, town]) => ({ prefecture: prefectureOf(city), city: file.cities[city]!, town })),
    size: Object.keys(file.codes).length,
  };
}

/** The table in the repository, beside this file. */
export const BUNDLED_POSTAL_TABLE = new URL('./postal-codes.json', import.meta.url);

export function loadPostalTable(path: URL | string = BUNDLED_POSTAL_TABLE): PostalTable {
  return postalTable(PostalTableFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))));
}

/** Reads the table on the first lookup, so a BFF that is never asked pays nothing at start-up. */
export function lazyPostalTable(load: () => PostalTable = () => loadPostalTable()): () => PostalTable {
  let table: PostalTable | undefined;
  return () => (table ??= load());
}
