/**
 * Builds src/server/postal/postal-codes.json from Japan Post's KEN_ALL CSV (downloaded by hand
 * from Japan Post's postal code data page: utf_ken_all.csv, or the Shift_JIS ken_all.zip, unzipped).
 *
 *   npx tsx scripts/postal/build-postal-table.ts <KEN_ALL.CSV> [--subset] [--out <file>] [--source <text>]
 *
 * Without --subset the whole country goes in (about 120,000 codes). --subset keeps what the
 * repository commits: Tokyo's 23 wards, the areas of the demo stores, and the codes tests use.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildPostalTable, decodeKenAll, parseKenAll, type KenAllRow } from '../../src/server/postal/ken-all';
import { BUNDLED_POSTAL_TABLE, PostalTableFileSchema } from '../../src/server/postal/postal-table';

/** Tokyo's special wards: local government codes 13101 (千代田区) to 13123 (江戸川区). */
const isTokyoWard = (row: KenAllRow) => /^131(0[1-9]|1\d|2[0-3])$/.test(row.cityCode);

/**
 * Beyond the wards: the streets of the demo stores (src/server/demo-data: umeda, yokohama, nagoya,
 * fukuoka, sapporo), and codes the tests need: one shared by two prefectures, one with many towns.
 */
export const SUBSET_EXTRA_CODES = new Set([
  '5300001', '5300011', '5300012', '5300017', '5300018', // 大阪市北区 梅田・大深町・芝田・角田町・小松原町
  '2200004', '2200005', '2200011', '2200012', // 横浜市西区 北幸・南幸・高島・みなとみらい
  '4500002', '4506001', '4500003', // 名古屋市中村区 名駅・名駅南
  '8100001', '8100041', '8100042', // 福岡市中央区 天神・大名・赤坂
  '0600001', '0600005', '0600042', '0600061', '0600062', '0600063', // 札幌市中央区 北1条西・北5条西・大通西・南1条西・南2条西・南3条西
  '4980000', // 愛知県弥富市 and 三重県桑名郡木曽岬町 share it
  '4520961', // 清須市: one code, dozens of towns
]);

export const keepInSubset = (row: KenAllRow) => isTokyoWard(row) || SUBSET_EXTRA_CODES.has(row.postalCode);

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { subset: { type: 'boolean', default: false }, out: { type: 'string' }, source: { type: 'string' } },
  });
  const input = positionals[0];
  if (!input) throw new Error('Usage: build-postal-table.ts <KEN_ALL.CSV> [--subset] [--out <file>] [--source <text>]');
  const rows = parseKenAll(decodeKenAll(readFileSync(input)));
  const source = values.source ?? `Japan Post KEN_ALL (${input}), ${values.subset ? "Tokyo's 23 wards and the demo stores' areas" : 'all of Japan'}`;
  const table = PostalTableFileSchema.parse(buildPostalTable(rows, source, values.subset ? keepInSubset : undefined));
  const out = values.out ?? BUNDLED_POSTAL_TABLE;
  // One code per line: a new KEN_ALL month diffs as the codes that changed.
  const lines = Object.entries(table.codes).map(([code, areas]) => `    ${JSON.stringify(code)}: ${JSON.stringify(areas)}`);
  writeFileSync(out, `{\n  "source": ${JSON.stringify(table.source)},\n  "cities": ${JSON.stringify(table.cities)},\n  "codes": {\n${lines.join(',\n')}\n  }\n}\n`);
  console.log(`${Object.keys(table.codes).length} postal codes in ${Object.keys(table.cities).length} cities → ${String(out)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
