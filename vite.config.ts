import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { DRAWN_FORMATS } from './src/app/components/barcode-options.ts';

const bffOrigin = `http://127.0.0.1:${process.env.BFF_PORT ?? '8787'}`;

/** Outside mock mode @line/liff-mock resolves to nothing, so no build emits even an unused chunk of it. */
function excludeLiffMock(mockEnabled: boolean): Plugin {
  const stub = '\0liff-mock-disabled';
  return {
    name: 'member-card:exclude-liff-mock',
    enforce: 'pre',
    resolveId: (id) => (!mockEnabled && id === '@line/liff-mock' ? stub : null),
    load: (id) => (id === stub ? 'export const LiffMockPlugin = undefined;' : null),
  };
}

/**
 * In dev, a reload of a deep link into the clerk console or the dashboard (/clerk/audit,
 * /admin/program) loads that part's own entry, not the shopper's (the BFF does the same in
 * production). Paths with a dot are files (Vite's modules, assets) and pass through.
 */
export function staffDeepLink(url: string): string | null {
  const path = url.split('?')[0] ?? '';
  const part = /^\/(clerk|admin)(?:\/[^.]*)?$/.exec(path)?.[1];
  return part ? `/${part}/index.html` : null;
}

function staffDeepLinks(): Plugin {
  return {
    name: 'member-card:staff-deep-links',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const entry = req.url ? staffDeepLink(req.url) : null;
        if (entry) req.url = entry;
        next();
      });
    },
  };
}

/**
 * JsBarcode bundles all of its symbologies (CODE39, ITF, MSI, pharmacode, CODE93, UPC, …); the card
 * draws only DRAWN_FORMATS (src/app/components/barcode-options.ts: the programme config's member-code
 * symbologies and the CODE128 spend code). Its barcode table is swapped for one holding just those,
 * about a third of the library.
 */
function onlyDrawnSymbologies(): Plugin {
  const table = '\0jsbarcode-drawn-symbologies';
  return {
    name: 'member-card:only-drawn-symbologies',
    enforce: 'pre',
    resolveId: (id, importer) => (id === './barcodes/' && importer?.replaceAll('\\', '/').endsWith('/jsbarcode/bin/JsBarcode.js') ? table : null),
    load: (id) =>
      id === table
        ? [
            "import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128/index.js';",
            "import { EAN13 } from 'jsbarcode/bin/barcodes/EAN_UPC/index.js';",
            "import { codabar } from 'jsbarcode/bin/barcodes/codabar/index.js';",
            `export default { ${DRAWN_FORMATS.join(', ')} };`,
          ].join('\n')
        : null,
  };
}

/**
 * Brotli and gzip copies of every text asset, written once at build so the BFF serves them
 * without compressing per request (serveStatic's `precompressed`, with `Vary: Accept-Encoding`).
 * node:zlib does it in a few lines, so no plugin dependency; files under 1 kB are not worth it.
 */
function precompress(): Plugin {
  const compressible = /\.(js|mjs|css|html|svg|json|txt|webmanifest|wasm)$/;
  return {
    name: 'member-card:precompress',
    apply: 'build',
    // After writing: the files on disk are final (Vite fills placeholders such as the preload list late).
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!compressible.test(fileName)) continue;
        const path = join(options.dir!, fileName);
        const source = readFileSync(path);
        if (source.byteLength < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: source.byteLength } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

/**
 * The shopper's entry script leaves <head> for a modulepreload link, and index.html's boot script
 * starts it after painting the cached card: the bundle downloads at once but is evaluated only
 * after the card is on screen. Its stylesheet likewise becomes a preload that the boot script
 * attaches, so no paint waits for it (the boot paint carries its own styles).
 */
function startEntryAfterBootPaint(): Plugin {
  return {
    name: 'member-card:start-entry-after-boot-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.filename.endsWith('/index.html') || !html.includes('__MEMBER_CARD_ENTRY__')) return html;
        const tag = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        if (!tag) throw new Error('index.html: the shopper entry script tag was not found');
        const stylesheets = [...html.matchAll(/<link rel="stylesheet" crossorigin href="([^"]+)">/g)];
        if (stylesheets.length !== 1) throw new Error(`index.html: expected one stylesheet, found ${stylesheets.length}`);
        const [stylesheet, stylesheetHref] = stylesheets[0]!;
        // Plain preloads: modulepreload would also compile every module on the main thread before the card's first frame.
        return html
          .replace(stylesheet, `<link rel="preload" as="style" crossorigin href="${stylesheetHref}">`)
          .replace('__MEMBER_CARD_STYLES__', stylesheetHref!)
          .replace(tag[0], `<link rel="modulepreload" crossorigin href="${tag[1]}">`)
          .replaceAll('<link rel="modulepreload" crossorigin', '<link rel="preload" as="script" crossorigin')
          .replace('__MEMBER_CARD_ENTRY__', tag[1]!);
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  return {
    plugins: [react(), tailwindcss(), excludeLiffMock(env.VITE_LIFF_MOCK === 'true'), onlyDrawnSymbologies(), staffDeepLinks(), startEntryAfterBootPaint(), precompress()],
    server: {
      port: Number(process.env.VITE_PORT ?? 5173),
      strictPort: true,
      proxy: { '/api': bffOrigin, '/dev': bffOrigin },
    },
    build: {
      outDir: 'dist/client',
      target: 'es2022',
      // Maps for error tracking, without the sourceMappingURL comment that would make browsers ask for them (production refuses to serve them anyway).
      sourcemap: 'hidden',
      // Three entries: the shopper's LIFF app, the clerk console and the operator dashboard, each with its own chunks: clerk and admin share src/staff-kit, all three share src/shared and the contract.
      rolldownOptions: { input: { main: 'index.html', clerk: 'clerk/index.html', admin: 'admin/index.html' } },
    },
  };
});
