import type { PostalTableFile } from './postal-table';

/**
 * Japan Post's KEN_ALL CSV (utf_ken_all.csv, or the Shift_JIS KEN_ALL.CSV) turned into the
 * postal-code table: pure functions, used by scripts/postal/build-postal-table.ts.
 * Columns used: 0 local government code, 2 postal code, 6 prefecture, 7 city, 8 town.
 */
export type KenAllRow = { cityCode: string; postalCode: string; prefecture: string; city: string; town: string };

/** KEN_ALL's CSV: text fields in double quotes, numbers bare; no field holds a comma or a quote (notes use "、"). */
function parseLine(line: string): string[] {
  return line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));
}

/**
 * The town as a person writes it in an address. KEN_ALL's notes go: "以下に掲載がない場合" (the
 * code covers the rest of the city), "…の次に番地がくる場合", "…一円" (the whole town or village),
 * and parenthesised remarks (floors of a building, chōme ranges, "次のビルを除く").
 */
export function cleanTown(raw: string): string {
  if (raw === '以下に掲載がない場合' || raw.endsWith('の次に番地がくる場合')) return '';
  const town = raw.replace(/（.*?）/g, '').replace(/（.*$/, '');
  if (town.endsWith('一円') && town !== '一円') return '';
  return town;
}

/**
 * Rows of the CSV, with a town that KEN_ALL splits over several lines (a long parenthesised note)
 * joined back into one row before it is cleaned.
 */
export function parseKenAll(csv: string): KenAllRow[] {
  const rows: KenAllRow[] = [];
  let open: { row: KenAllRow; rawTown: string } | null = null;
  for (const line of csv.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const cells = parseLine(line);
    const [cityCode, , postalCode, , , , prefecture, city, town] = cells;
    if (!cityCode || !postalCode || !prefecture || !city || town === undefined) throw new Error(`Not a KEN_ALL line: ${line}`);
    if (open && open.row.postalCode === postalCode) {
      open.rawTown += town;
    } else {
      open = { row: { cityCode, postalCode, prefecture, city, town: '' }, rawTown: town };
    }
    // An opening bracket without its closing one: the note goes on in the next line.
    if (open.rawTown.includes('（') && !open.rawTown.includes('）')) continue;
    rows.push({ ...open.row, town: cleanTown(open.rawTown) });
    open = null;
  }
  if (open) rows.push({ ...open.row, town: cleanTown(open.rawTown) });
  return rows;
}

/** Decodes the file as UTF-8 (utf_ken_all.csv) or, failing that, as Japan Post's classic Shift_JIS. */
export function decodeKenAll(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** The table file: each city once, each code with its distinct towns, in code order. */
export function buildPostalTable(rows: KenAllRow[], source: string, keep: (row: KenAllRow) => boolean = () => true): PostalTableFile {
  const cities: Record<string, string> = {};
  const codes: Record<string, Array<[string, string]>> = {};
  for (const row of [...rows].filter(keep).sort((a, b) => a.postalCode.localeCompare(b.postalCode))) {
    cities[row.cityCode] = row.city;
    const areas = (codes[row.postalCode] ??= []);
    if (!areas.some(([city, town]) => city === row.cityCode && town === row.town)) areas.push([row.cityCode, row.town]);
  }
  return { source, cities, codes };
}
