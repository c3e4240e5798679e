import type { Database } from '../db/database';
import type { ProgramConfig } from './program-config';

/** What every loyalty use case needs: the database, the programme rules and the clock. */
export type LoyaltyDeps = { db: Database; program: ProgramConfig; clock: () => Date };

/** Runs `work` in a transaction: a nested one (savepoint) when the caller passes its own. */
export function inTransaction<T>(db: Database, outer: Database | undefined, work: (tx: Database) => Promise<T>): Promise<T> {
  return (outer ?? db).transaction((inner) => work(inner as unknown as Database));
}
