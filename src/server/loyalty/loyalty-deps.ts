import type { Database } from '../db/database';
import type { ProgramConfig } from './program-config';

/**
 * Told, inside the transaction that changed it, that a member's card figures (balance, expiry,
 * tier) changed: what is kept elsewhere (a Wallet pass) enqueues its update in the same
 * transaction, so the update exists exactly when the change does.
 */
export type CardChangedHook = (tx: Database, change: { memberId: string; now: Date }) => Promise<void>;

/** What every loyalty use case needs: the database, the programme rules and the clock (and who to tell of card changes). */
export type LoyaltyDeps = { db: Database; program: ProgramConfig; clock: () => Date; onCardChanged?: CardChangedHook };

/** Runs `work` in a transaction: a nested one (savepoint) when the caller passes its own. */
export function inTransaction<T>(db: Database, outer: Database | undefined, work: (tx: Database) => Promise<T>): Promise<T> {
  return (outer ?? db).transaction((inner) => work(inner as unknown as Database));
}
