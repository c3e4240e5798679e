import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { safeParse, z } from 'zod/mini';
import { CONTROL_CHARACTER_CHECK, CONTROL_CHARACTERS_MESSAGE, hasControlCharacters, text } from '../../contract/text';

const contractDir = join(dirname(fileURLToPath(import.meta.url)), '../../contract');
const contractFiles = readdirSync(contractDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('text()', () => {
  it('refuses NUL, every other C0 control (tab and newline included), DEL, C1 controls and lone surrogates', () => {
    const forbidden = ['\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff', 'a\ud83d'];
    for (const bad of forbidden) {
      expect(hasControlCharacters(`name${bad}x`), JSON.stringify(bad)).toBe(true);
      const result = safeParse(text(), `name${bad}x`);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(CONTROL_CHARACTERS_MESSAGE);
    }
  });

  it('accepts ordinary text: Japanese, full-width space, emoji (paired surrogates), accents, symbols', () => {
    for (const good of ['山田 太郎', 'ヤマダ\u3000タロウ', '👩‍👩‍👧 Café', "O'Brien-Smith <x@y.jp>", '', '0120-000-000']) {
      expect(safeParse(text(), good).success, good).toBe(true);
    }
  });

  it('carries the field’s own message and runs before the checks chained after it', () => {
    const result = safeParse(text('profile.error.characters').check(), '\u0000');
    expect(result.error?.issues.map((i) => i.message)).toEqual(['profile.error.characters']);
  });
});

type Def = { type: string; format?: string; checks?: unknown[]; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const carriesCheck = (def: Def) => (def.checks ?? []).some((check) => (check as Record<symbol, unknown>)[CONTROL_CHARACTER_CHECK] === true);

/** Paths of every string inside a schema that accepts control characters. */
function unguardedStrings(schema: unknown, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (child: unknown, at: string) => unguardedStrings(child, at, seen);
  switch (def.type) {
    case 'string':
      // ISO formats (z.iso.datetime) are anchored patterns of digits and separators.
      return def.format || carriesCheck(def) ? [] : [path];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) => walk(child, `${path}.${key}`));
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{value}`)];
    case 'union':
      return (def.options as unknown[]).flatMap((option, i) => walk(option, `${path}|${i}`));
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return walk(def.innerType, path);
    default:
      return [];
  }
}

describe('the contract', () => {
  it('(the walk itself finds a bare string wherever it hides)', () => {
    const leaky = z.object({ a: z.array(z.nullable(z.object({ b: z.pipe(z.string(), z.transform((v: string) => v)) }))), c: text(), d: z.iso.datetime() });
    expect(unguardedStrings(leaky, 'leaky')).toEqual(['leaky.a[].b']);
  });

  it('has no string field, in any exported schema of any module, that accepts control characters', async () => {
    const unguarded: string[] = [];
    let strings = 0;
    for (const file of contractFiles) {
      const module = (await import(/* @vite-ignore */ pathToFileURL(join(contractDir, file)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== 'object' || value === null || !('_zod' in value)) continue;
        unguarded.push(...unguardedStrings(value, `${file}:${name}`));
        strings += 1;
      }
    }
    expect(strings).toBeGreaterThan(40);
    expect(unguarded).toEqual([]);
  });

  it('spells every string as text(): a bare z.string() appears only inside text() itself', () => {
    const bare = contractFiles.filter((f) => f !== 'text.ts' && /\bz\s*\.\s*string\s*\(/.test(readFileSync(join(contractDir, f), 'utf8')));
    expect(bare).toEqual([]);
  });
});
