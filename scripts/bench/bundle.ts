import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rollup } from 'vite';
import { initialChunkFiles } from './initial-chunks';

type OutputChunk = Rollup.OutputChunk;
type OutputAsset = Rollup.OutputAsset;
type RollupOutput = Rollup.RollupOutput;

/**
 * Bundle size of the shopper's initial load: the index.html entry chunk, the chunks it imports
 * statically and its CSS, gzip-compressed — what a first open must download before the card. The
 * rest of the app (app.tsx: react-query, the screens' words, the prompts under the card) is
 * imported by the entry once the card is on screen; it is reported beside, never hidden.
 */

export type BundleReport = {
  label: string;
  initialJsGzip: number;
  initialCssGzip: number;
  initialJsRaw: number;
  /** What the entry imports once the card is on screen (app.tsx and the chunks it needs beyond the initial ones). */
  afterCardJsGzip: number;
  /** The initial JS by part, gzip: each part's share of its chunk's gzip size (see composition()). */
  composition: Array<{ part: string; minified: number; gzip: number }>;
  /** Modules of staff or mock code found in the initial chunks (must be empty). */
  forbiddenModules: string[];
};

/** Which part of the initial JS a source file belongs to, for the composition table. */
function partOf(source: string): string {
  const path = source.replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg === 'react-dom') return 'react-dom';
  if (pkg === 'react' || pkg === 'scheduler') return 'react + scheduler';
  if (pkg === '@line/liff' || pkg?.startsWith('@liff/') || pkg === 'tslib' || pkg === 'tiny-sha256') return 'LIFF SDK (pluggable core + modules, with its tslib and sha256)';
  if (pkg) return pkg;
  if (/\/src\/app\/lib\/messages\.|\/src\/shared\/member-card-messages/.test(path)) return "the start's words (card, start, errors; ja + en)";
  if (path.includes('/src/contract/')) return 'src/contract (zod schemas the answers are parsed with)';
  if (path.includes('/src/app/') || path.includes('/src/shared/')) return 'src/app and src/shared (the start, the card, the shell)';
  return 'build runtime (module preload helper, unmapped bytes)';
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each generated line's mapped segments as [column, source index] (the source map's VLQ "mappings"). */
function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: Array<[number, number]> = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length >= 4) {
        source += fields[1]!;
        segments.push([column, source]);
      } else segments.push([column, -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * Splits a chunk's minified code by the source each byte came from (its source map), groups it by
 * part, and gives each part its share of the chunk's real gzip size: the part's text gzipped alone,
 * scaled so the parts add up to the chunk (gzip works across parts, so no part has an exact size).
 */
function composition(chunk: OutputChunk): Map<string, { minified: number; gzip: number }> {
  const texts = new Map<string, string[]>();
  const add = (part: string, text: string) => {
    const pieces = texts.get(part);
    if (pieces) pieces.push(text);
    else texts.set(part, [text]);
  };
  const sources = chunk.map?.sources ?? [];
  const lines = chunk.code.split('\n');
  decodeMappings(chunk.map?.mappings ?? '').forEach((segments, index) => {
    const line = lines[index] ?? '';
    const cuts = [...segments].sort((a, b) => a[0] - b[0]);
    if ((cuts[0]?.[0] ?? line.length) > 0) add(partOf(''), line.slice(0, cuts[0]?.[0] ?? line.length));
    cuts.forEach(([column, source], i) => add(source < 0 ? partOf('') : partOf(sources[source] ?? ''), line.slice(column, cuts[i + 1]?.[0] ?? line.length) + (i === cuts.length - 1 ? '\n' : '')));
  });
  const alone = new Map([...texts].map(([part, pieces]) => [part, { minified: Buffer.byteLength(pieces.join('')), gzipAlone: gzipSync(pieces.join(''), { level: 9 }).length }]));
  const sumAlone = [...alone.values()].reduce((sum, part) => sum + part.gzipAlone, 0);
  const chunkGzip = gzipSync(chunk.code, { level: 9 }).length;
  return new Map([...alone].map(([part, { minified, gzipAlone }]) => [part, { minified, gzip: (gzipAlone / sumAlone) * chunkGzip }]));
}

const FORBIDDEN = [/@line\/liff-mock/, /\/src\/clerk\//, /\/src\/admin\//, /dev-personas/];

/** Swaps the pluggable SDK for the full `@line/liff` import, for the size comparison only (never run). */
function fullLiffSdk(): Plugin {
  const full = '\0bench-liff-full';
  const noopModule = '\0bench-liff-noop-module';
  return {
    name: 'bench:full-liff',
    enforce: 'pre',
    resolveId: (id) => (id === '@line/liff/core' ? full : /^@line\/liff\/[a-z-]+$/.test(id) ? noopModule : null),
    load: (id) =>
      id === full
        ? "import liff from '@line/liff'; export default liff;"
        : id === noopModule
          ? "export default class { get name() { return 'noop'; } install() {} }"
          : null,
  };
}

export async function measureBundle(variant: 'pluggable' | 'full-liff'): Promise<BundleReport> {
  const result = (await build({
    configFile: 'vite.config.ts',
    mode: 'production',
    logLevel: 'silent',
    plugins: variant === 'full-liff' ? [fullLiffSdk()] : [],
    // Hidden maps: the same code (no sourceMappingURL comment), with the map the composition reads.
    build: { outDir: `dist/bench-${variant}`, emptyOutDir: true, sourcemap: 'hidden' },
  })) as RollupOutput | RollupOutput[];
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = new Map(outputs.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const assets = new Map(outputs.filter((o): o is OutputAsset => o.type === 'asset').map((a) => [a.fileName, a]));

  // The clerk console is a second entry (clerk/index.html): the shopper's is the root index.html.
  // The shopper's entry is the root index.html (clerk/ and admin/ have their own).
  const shopperHtml = resolve('index.html');
  const entry = [...chunks.values()].find((c) => c.isEntry && c.facadeModuleId === shopperHtml);
  if (!entry) throw new Error('no shopper entry chunk (index.html) in the build output');
  const initial = initialChunkFiles(chunks, entry.fileName);

  let js = 0;
  let jsRaw = 0;
  const css = new Set<string>();
  const forbidden: string[] = [];
  const parts = new Map<string, { minified: number; gzip: number }>();
  for (const fileName of initial) {
    const chunk = chunks.get(fileName)!;
    js += gzipSync(chunk.code, { level: 9 }).length;
    jsRaw += Buffer.byteLength(chunk.code);
    for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
    for (const id of chunk.moduleIds) if (FORBIDDEN.some((re) => re.test(id))) forbidden.push(id);
    for (const [part, size] of composition(chunk)) {
      const sum = parts.get(part) ?? { minified: 0, gzip: 0 };
      parts.set(part, { minified: sum.minified + size.minified, gzip: sum.gzip + size.gzip });
    }
  }

  // The rest of the app: the chunk of src/app/app.tsx and what it needs that the first open has not loaded.
  const appChunk = [...chunks.values()].find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith('/src/app/app.tsx'));
  if (!appChunk) throw new Error('no chunk of src/app/app.tsx (the rest of the app) in the build output');
  // What the first open has loaded already is everything it imports, so the difference is exactly the rest.
  const afterCard = [...initialChunkFiles(chunks, appChunk.fileName)].filter((fileName) => !initial.has(fileName));
  let afterCardJs = 0;
  for (const fileName of afterCard) afterCardJs += gzipSync(chunks.get(fileName)!.code, { level: 9 }).length;
  let cssGzip = 0;
  for (const file of css) {
    const source = assets.get(file)?.source;
    if (source !== undefined) cssGzip += gzipSync(source, { level: 9 }).length;
  }
  return {
    label: variant === 'pluggable' ? 'pluggable @line/liff/core + 10 modules' : 'full @line/liff import',
    initialJsGzip: js,
    initialJsRaw: jsRaw,
    initialCssGzip: cssGzip,
    afterCardJsGzip: afterCardJs,
    composition: [...parts].map(([part, size]) => ({ part, ...size })).sort((a, b) => b.gzip - a.gzip),
    forbiddenModules: forbidden,
  };
}
