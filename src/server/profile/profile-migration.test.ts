import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createFreshPostgresDatabase } from '../testing/test-databases';

const migrations = fileURLToPath(new URL('../db/migrations', import.meta.url));

/** The migrations folder as it stood before the profile had separate family and given names. */
function migrationsBeforeNameSplit(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mc-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0004_profile_split_names_address'));
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migration 0004: one name field becomes 姓/名 and セイ/メイ', () => {
  const older = migrationsBeforeNameSplit();
  afterAll(() => rmSync(older, { recursive: true, force: true }));

  /** A database at the older migrations, one step to take it to the newest, and how to close it; on each engine the tests run on. */
  type Engine = { name: string; open: () => Promise<{ execute: (query: ReturnType<typeof sql>) => Promise<{ rows: unknown[] }>; migrateTo: (folder: string) => Promise<void>; close: () => Promise<void> }> };
  const engines: Engine[] = [
    {
      name: 'pglite',
      open: async () => {
        const client = new PGlite();
        const db = drizzle(client);
        return { execute: (q) => db.execute(q), migrateTo: (folder) => migrate(db, { migrationsFolder: folder }), close: () => client.close() };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    engines.push({
      name: 'postgres',
      open: async () => {
        const fresh = await createFreshPostgresDatabase(url);
        const pool = new pg.Pool({ connectionString: fresh.url, max: 1 });
        const db = drizzlePg(pool);
        return {
          execute: (q) => db.execute(q),
          migrateTo: (folder) => migratePg(db, { migrationsFolder: folder }),
          close: async () => {
            await pool.end();
            await fresh.drop();
          },
        };
      },
    });
  }

  it.each(engines)('on $name, splits saved names at the first space (either width) and keeps a name without a space as the family name', async ({ open }) => {
    const db = await open();
    await db.migrateTo(older);
    const profiles = [
      ['山田 太郎', 'ヤマダ タロウ'],
      ['佐藤　花子', 'サトウ　ハナコ'],
      ['王 小 明', 'ワン シャオミン'],
      ['ヤマダタロウ', 'ヤマダタロウ'],
    ];
    for (const [i, [fullName, kana]] of profiles.entries()) {
      const id = `00000000-0000-4000-8000-00000000000${i}`;
      await db.execute(sql`INSERT INTO members (id, member_number, created_at) VALUES (${id}, ${`29000000000${i}0`}, now())`);
      await db.execute(sql`INSERT INTO member_profiles (member_id, full_name, kana, phone, email, postal_code, marketing_consent, terms_accepted_at, completed_at, updated_at)
        VALUES (${id}, ${fullName}, ${kana}, '0312345678', 'a@example.jp', '1500001', false, now(), now(), now())`);
    }
    await db.migrateTo(migrations);
    const rows = await db.execute(sql`SELECT family_name, given_name, family_kana, given_kana, prefecture FROM member_profiles ORDER BY member_id`);
    expect(rows.rows).toEqual([
      { family_name: '山田', given_name: '太郎', family_kana: 'ヤマダ', given_kana: 'タロウ', prefecture: '' },
      { family_name: '佐藤', given_name: '花子', family_kana: 'サトウ', given_kana: 'ハナコ', prefecture: '' },
      { family_name: '王', given_name: '小 明', family_kana: 'ワン', given_kana: 'シャオミン', prefecture: '' },
      { family_name: 'ヤマダタロウ', given_name: '', family_kana: 'ヤマダタロウ', given_kana: '', prefecture: '' },
    ]);
    await db.close();
    // Every migration from an empty database, twice over (a dozen schemas, triggers and backfills): minutes on a busy machine.
  }, 180_000);
});
