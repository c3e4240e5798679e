import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';

/**
 * A fingerprint of every table's contents: equal snapshots mean nothing changed. Tables matched by
 * `ignore` (e.g. an audit log that rightly records refused attempts) are left out.
 */
export async function databaseSnapshot(db: Database, ignore: RegExp = /^$/): Promise<Record<string, string>> {
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const snapshot: Record<string, string> = {};
  for (const { table_name: table } of rowsOf<{ table_name: string }>(tables)) {
    if (ignore.test(table)) continue;
    const result = await db.execute<{ n: string; digest: string }>(
      sql`select count(*)::text as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(table)} t`,
    );
    const [row] = rowsOf<{ n: string; digest: string }>(result);
    snapshot[table] = `${row!.n}:${row!.digest}`;
  }
  return snapshot;
}

/** node-postgres returns `{ rows }`, PGlite an array-like result with `rows` too. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
