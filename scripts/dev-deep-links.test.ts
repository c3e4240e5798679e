import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';

/** `npm run dev`'s Vite: reloading a deep link of a staff part serves that part, not the shopper's app. */
describe('dev server deep links', () => {
  let server: ViteDevServer;
  let origin: string;

  beforeAll(async () => {
    server = await createServer({ configFile: 'vite.config.ts', logLevel: 'silent', server: { port: 0, strictPort: false, hmr: false } });
    await server.listen();
    const address = server.httpServer!.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    origin = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => server.close());

  const entryOf = async (path: string) => {
    const html = await (await fetch(`${origin}${path}`)).text();
    return /<script type="module" src="(\/src\/[^"]+\/main\.tsx)"/.exec(html)?.[1];
  };

  it.each([
    ['/admin/program', '/src/admin/main.tsx'],
    ['/admin/', '/src/admin/main.tsx'],
    ['/admin', '/src/admin/main.tsx'],
    ['/clerk/audit', '/src/clerk/main.tsx'],
    ['/clerk', '/src/clerk/main.tsx'],
    ['/points', '/src/app/main.tsx'],
  ])('%s loads %s', async (path, entry) => {
    expect(await entryOf(path)).toBe(entry);
  });
});
