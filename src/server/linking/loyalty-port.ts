import type { Database } from '../db/database';

/** A drizzle transaction, as handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The loyalty services take their optional `tx` as a Database (a transaction is one, for drizzle). */
export function asDatabase(tx: Tx): Database {
  return tx as unknown as Database;
}

/** A refused grant here is a programming error (the keys are ours and per CRM member / member). */
export function expectGranted<T extends { ok: boolean }>(outcome: T, what: string): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`${what} was refused: ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
}
