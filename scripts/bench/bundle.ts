import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;
type OutputAsset = Rollup.OutputAsset;
type RollupOutput = Rollup.RollupOutput;

/**
 * Bundle size of the shopper's initial load: the index.html entry chunk, the chunks it imports
 * statically and its CSS, gzip-compressed — what a first open must download before the card.
 */

export type BundleReport = {
  label: string;
  initialJsGzip: number;
  initialCssGzip: number;
  initialJsRaw: number;
  /** Modules of staff or mock code found in the initial chunks (must be empty). */
  forbiddenModules: string[];
};

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
    build: { outDir: `dist/bench-${variant}`, emptyOutDir: true, sourcemap: false },
  })) as RollupOutput | RollupOutput[];
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = new Map(outputs.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const assets = new Map(outputs.filter((o): o is OutputAsset => o.type === 'asset').map((a) => [a.fileName, a]));

  // The clerk console is a second entry (clerk/index.html): the shopper's is the root index.html.
  // The shopper's entry is the root index.html (clerk/ and admin/ have their own).
  const shopperHtml = resolve('index.html');
  const entry = [...chunks.values()].find((c) => c.isEntry && c.facadeModuleId === shopperHtml);
  if (!entry) throw new Error('no shopper entry chunk (index.html) in the build output');
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  visit(entry.fileName);

  let js = 0;
  let jsRaw = 0;
  const css = new Set<string>();
  const forbidden: string[] = [];
  for (const fileName of initial) {
    const chunk = chunks.get(fileName)!;
    js += gzipSync(chunk.code, { level: 9 }).length;
    jsRaw += Buffer.byteLength(chunk.code);
    for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
    for (const id of chunk.moduleIds) if (FORBIDDEN.some((re) => re.test(id))) forbidden.push(id);
  }
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
    forbiddenModules: forbidden,
  };
}
