import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { initialChunkFiles } from '../../scripts/bench/initial-chunks';

/** The production build of the shopper's entry alone, in memory. */
function buildShopperEntry() {
  return build({
    configFile: 'vite.config.ts',
    mode: 'production',
    logLevel: 'silent',
    build: { write: false, sourcemap: false },
    // Inline config would add to the config file's three inputs; a plugin's options hook replaces them.
    plugins: [{ name: 'shopper-entry-only', options: (options) => ({ ...options, input: { main: 'index.html' } }) }],
  }) as Promise<Rolldown.RolldownOutput>;
}

/**
 * The shopper's phone downloads the shopper entry only, so no staff word may be in it: the ESLint
 * zones keep src/app from importing staff code, and this build shows that no shared module
 * brings staff words in by another path.
 */
describe('the shopper bundle', () => {
  it('contains no word of the clerk console, the dashboard or the staff kit', async () => {
    const output = await buildShopperEntry();
    const code = output.output.flatMap((file) => (file.type === 'chunk' ? [file.code] : [])).join('\n');

    expect(code.includes('会員証')).toBe(true);
    // clerk.audit.title, admin.title and clerk.login.title: one word from each staff catalogue.
    expect(['操作履歴', 'ダッシュボード', 'スタッフログイン'].filter((staffWord) => code.includes(staffWord))).toEqual([]);
    expect(code.match(/["'](clerk|admin)\.[\w.]+["']\s*:/g) ?? []).toEqual([]);
  });
});

describe('the first download of the shopper app', () => {
  it('holds what draws the card, and neither react-query nor the other screens or their words', async () => {
    const output = await buildShopperEntry();
    const chunks = new Map(output.output.flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file] as const] : [])));
    const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
    const initial = initialChunkFiles(chunks, entry.fileName);
    const modules = [...initial].flatMap((fileName) => chunks.get(fileName)!.moduleIds.map((id) => id.replaceAll('\\', '/')));

    expect(modules.some((id) => id.endsWith('/src/app/features/card/components/member-card-view.tsx'))).toBe(true);
    expect(modules.some((id) => id.includes('/node_modules/jsbarcode/'))).toBe(true);
    expect(modules.filter((id) => /@tanstack|\/src\/app\/app\.tsx|screen-messages|\/features\/(points|stamps|coupons|profile|link|mypage)\//.test(id))).toEqual([]);
  });
});
