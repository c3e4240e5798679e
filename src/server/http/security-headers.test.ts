import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { createTestApp } from '../testing/test-app';

const BOOT_SCRIPT = "document.title = 'painted';";

describe('security headers, API caching and source maps', () => {
  let database: DatabaseHandle;
  let staticDir: string;
  let production: Awaited<ReturnType<typeof createTestApp>>;
  let development: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'mc-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), `<!doctype html><title>card</title><script type="module" src="/assets/main-abc123.js"></script><script>${BOOT_SCRIPT}</script>`);
    writeFileSync(join(staticDir, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(staticDir, 'assets', 'main-abc123.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(join(staticDir, 'assets', 'main-abc123.js.gz'), gzipSync('console.log(1)'));
    writeFileSync(join(staticDir, 'assets', 'main-abc123.js.map'), '{"version":3,"sources":["src/app/main.tsx"]}');
    database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    production = await createTestApp(database, { staticDir, production: true });
    development = await createTestApp(database, { staticDir, production: false });
  });
  afterAll(async () => {
    await database.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const expectBrowserHardening = (response: Response) => {
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  };

  it('hardens API answers, refusals included, and keeps them out of every cache', async () => {
    for (const response of [
      await production.app.request('/api/health'),
      await production.app.request('/api/staff/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"x","password":"y"}' }),
      await production.app.request('/api/no-such-endpoint'),
    ]) {
      expectBrowserHardening(response);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('hardens the SPA shell and its assets, with HSTS in production only', async () => {
    const shell = await production.app.request('/card');
    expect(shell.status).toBe(200);
    expectBrowserHardening(shell);
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const asset = await production.app.request('/assets/main-abc123.js');
    expect(asset.status).toBe(200);
    expectBrowserHardening(asset);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const devShell = await development.app.request('/');
    expectBrowserHardening(devShell);
    expect(devShell.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves the build\'s Brotli or gzip copy as the browser accepts it, with Vary and the same caching', async () => {
    const asset = (acceptEncoding?: string) =>
      production.app.request('/assets/main-abc123.js', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
    const brotli = await asset('gzip, deflate, br, zstd');
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toContain('Accept-Encoding');
    expect(brotli.headers.get('content-type')).toMatch(/javascript/);
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await brotli.arrayBuffer())).toEqual(brotliCompressSync('console.log(1)'));
    const gzip = await asset('gzip, deflate');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gzip.arrayBuffer())).toEqual(gzipSync('console.log(1)'));
    const plain = await asset();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  });

  it('allows the shell\'s own inline script by its hash, and no other inline script', async () => {
    const csp = (await production.app.request('/')).headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(BOOT_SCRIPT).digest('base64');
    expect(csp).toMatch(new RegExp(`script-src [^;]*'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
    expect(csp.match(/'sha256-/g)).toHaveLength(1);
    expect(csp).not.toContain("'unsafe-inline'");
  });

  it('never serves source maps in production, however the path is spelled', async () => {
    for (const path of ['/assets/main-abc123.js.map', '/assets/main-abc123.js%2Emap', '/assets/main-abc123.js%2emap']) {
      const response = await production.app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('sources');
    }
    // Development still has them, for the browser's debugger.
    expect((await development.app.request('/assets/main-abc123.js.map')).status).toBe(200);
  });
});
