import type { Database } from './database';

/** A drizzle transaction, as handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Services take their optional `tx` as a Database (a transaction is one, for drizzle). */
export function asDatabase(tx: Tx): Database {
  return tx as unknown as Database;
}
