import type { Database } from '../db/database';
import { lotExpiresAt } from './earning';
import { grantPoints as grantPointsRule } from './ledger';
import { inTransaction, type LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import { lockMember } from '../members/members.repository';

/**
 * Points not tied to a purchase: a linked paper card's balance (`transfer`), incentives and
 * corrections (`adjust`); and the ledger's side of a withdrawal. Keyed by the caller's key.
 */

export type GrantPointsOutcome =
  | { ok: true; replayed: boolean; pointsBalance: number }
  | { ok: false; error: 'idempotency_key_conflict' | 'invalid_points' | 'member_not_found' };

export async function grantPoints(
  { db, program, clock, onCardChanged }: LoyaltyDeps,
  input: { memberId: string; points: number; kind: 'transfer' | 'adjust'; idempotencyKey: string; reason: string },
  outer?: Database,
): Promise<GrantPointsOutcome> {
  return inTransaction(db, outer, async (tx) => {
    const now = clock();
    if (!(await lockMember(tx, input.memberId))) return { ok: false, error: 'member_not_found' };
    const ledger = await repo.loadLedgerForKey(tx, input.memberId, input.idempotencyKey);
    const outcome = grantPointsRule(ledger, {
      key: input.idempotencyKey,
      kind: input.kind,
      points: input.points,
      at: now,
      expiresAt: lotExpiresAt(now, program),
    });
    if (!outcome.result.ok) {
      return { ok: false, error: outcome.result.error === 'idempotency_key_conflict' ? 'idempotency_key_conflict' : 'invalid_points' };
    }
    await repo.writeLedgerChange(tx, input.memberId, outcome.added, { reason: input.reason });
    // A replay changes nothing: nothing to tell.
    if (!outcome.result.replayed) await onCardChanged?.(tx, { memberId: input.memberId, now });
    return { ok: true, replayed: outcome.result.replayed, pointsBalance: await repo.liveBalance(tx, input.memberId, now) };
  });
}

/**
 * Withdrawal: keys that name another system's record (a CRM member id) are replaced, under the
 * member's lock, so the anonymous ledger stays balanced without pointing at a person.
 */
export async function anonymiseLedgerKeys(
  { db }: LoyaltyDeps,
  input: { memberId: string; renames: Array<{ from: string; to: string }> },
  outer?: Database,
): Promise<void> {
  await inTransaction(db, outer, async (tx) => {
    await lockMember(tx, input.memberId);
    await repo.renameLedgerKeys(tx, input.memberId, input.renames);
  });
}
