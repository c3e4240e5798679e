/**
 * Points ledger: append-only entries over point *lots*. Rules as implemented:
 *
 * - Credits (`earn`, `transfer` from a linked paper card, positive `adjust`) each create one lot
 *   `lot:<key>` with `points`, `remaining`, `earnedAt` and `expiresAt` (inclusive last instant;
 *   the caller computes it from the expiry policy, see earning.ts).
 * - A lot is *live* at `now` when it is not reversed and `now <= expiresAt`.
 *   Balance = Σ `remaining` over live lots. It can never go below zero.
 * - Debits (`redeem`, negative `adjust`) take from live lots oldest first: by `expiresAt`,
 *   then `earnedAt`, then lot id. A debit above the balance is refused and changes nothing.
 * - Every credit/debit carries a caller idempotency key, unique per member. Re-applying a key
 *   with the same kind and points changes nothing and returns the first entry (`replayed: true`);
 *   the same key with a different kind or amount is refused (`idempotency_key_conflict`).
 *   Refusals are not recorded, so a refused redeem may be retried with the same key.
 *   Keys starting with `reverse:` or `expire:` are reserved for the ledger's own entries.
 * - `expireLots` writes one `expire:<lotId>` entry per lot past its expiry with points left.
 * - `reverseEntry` undoes one credit or debit, once (its entry key is `reverse:<target key>`):
 *   - a credit: the lot's remaining is removed and the lot is marked reversed. The part of the
 *     lot already *spent* by debits that are still in force is clawed back from the member's other
 *     live lots, oldest first; what they cannot cover is `unrecoverablePoints` on the reverse
 *     entry (the balance stops at 0, never below). Clawed-back points re-source the debits they
 *     covered (`reallocations`), so a later refund of such a debit returns points to the lot that
 *     really paid for it; the unrecoverable part is never refunded (the member never paid it).
 *     Points of the lot that had already expired are not clawed back.
 *   - a debit (refund): each point goes back into the lot it (effectively) came from. Points
 *     whose lot has expired in the meantime are `forfeitedPoints`: they would have expired anyway,
 *     and putting them back into a dead lot would re-open an expiry already written.
 * - Entry `points` is the signed change to Σ remaining over *all* lots, so after `expireLots(now)`
 *   Σ entry points = balance at `now`. `balanceAfter` is the live balance right after the entry.
 *
 * Every operation is pure: it returns the new state, exactly what it added or changed (`added`:
 * entries to insert, lots to upsert with their final values) and a result. A repository loads the
 * member's lots and entries, calls the function and writes `added` in one transaction.
 */

export const ledgerEntryKinds = ['earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];
export type CreditKind = 'earn' | 'transfer' | 'adjust';
export type DebitKind = 'redeem' | 'adjust';

export interface PointLot {
  id: string;
  /** Key of the credit entry that created the lot. */
  sourceKey: string;
  earnedAt: Date;
  /** Last instant at which the points can be used (inclusive). */
  expiresAt: Date;
  points: number;
  remaining: number;
  reversedAt: Date | null;
}

/** Points taken from (debit) or given back to (refund) one lot; always positive. */
export interface LotMovement {
  lotId: string;
  points: number;
}

/** Spent points of a reversed lot moved onto another lot (`toLotId: null`: nothing could cover them). */
export interface Reallocation {
  debitKey: string;
  fromLotId: string;
  toLotId: string | null;
  points: number;
}

export interface LedgerEntry {
  /** Idempotency key, unique per member. */
  key: string;
  kind: LedgerEntryKind;
  at: Date;
  /** Signed change to Σ remaining over all lots. */
  points: number;
  /** Live balance right after this entry, at `at`. */
  balanceAfter: number;
  purchaseId: string | null;
  /** Credit: the lot created. Expire: the lot expired. Reversal of a credit: the lot removed. */
  lotId: string | null;
  /** Debit: points taken per lot. Reversal of a debit: points given back per lot. */
  allocations: LotMovement[];
  /** Reverse entries: the key of the entry undone. */
  reversesKey: string | null;
  /** Reversal of a credit: spent points clawed back, per debit. */
  reallocations: Reallocation[];
  /** Reversal of a credit: spent points the other lots could not cover. */
  unrecoverablePoints: number;
  /** Reversal of a debit: points not given back because their lot has expired. */
  forfeitedPoints: number;
}

export interface LedgerState {
  entries: LedgerEntry[];
  lots: PointLot[];
}

export interface LedgerChange {
  entries: LedgerEntry[];
  /** Lots created or changed, with their final values. */
  lots: PointLot[];
}

export interface LedgerOutcome<Result> {
  state: LedgerState;
  added: LedgerChange;
  result: Result;
}

export interface GrantRequest {
  key: string;
  kind: CreditKind;
  points: number;
  at: Date;
  expiresAt: Date;
  purchaseId?: string | null;
}

export interface RedeemRequest {
  key: string;
  points: number;
  at: Date;
  /** `adjust` for an operator's correction downwards; default `redeem`. */
  kind?: DebitKind;
  purchaseId?: string | null;
}

type KeyRefusal =
  | { ok: false; error: 'idempotency_key_conflict'; entry: LedgerEntry }
  | { ok: false; error: 'reserved_key' }
  | { ok: false; error: 'invalid_points' };

export type EntryResult = { ok: true; entry: LedgerEntry; replayed: boolean };
export type GrantResult = EntryResult | KeyRefusal;
export type RedeemResult = EntryResult | KeyRefusal | { ok: false; error: 'insufficient_points'; balance: number };
export type ReverseResult = EntryResult | { ok: false; error: 'entry_not_found' | 'not_reversible' };
export type ReversePurchaseResult =
  | { ok: true; entries: LedgerEntry[]; replayed: boolean }
  | { ok: false; error: 'purchase_not_found' };

const RESERVED_KEY_PREFIXES = ['reverse:', 'expire:'];

export const emptyLedger: LedgerState = { entries: [], lots: [] };

export function isLotLive(lot: PointLot, now: Date): boolean {
  return lot.reversedAt === null && now.getTime() <= lot.expiresAt.getTime();
}

export function pointsBalance(lots: readonly PointLot[], now: Date): number {
  return lots.reduce((sum, lot) => (isLotLive(lot, now) ? sum + lot.remaining : sum), 0);
}

/** Live lots with points left, in the order debits consume them. */
export function liveLotsInFifoOrder(lots: readonly PointLot[], now: Date): PointLot[] {
  return lots.filter((lot) => lot.remaining > 0 && isLotLive(lot, now)).sort(fifoOrder);
}

export function grantPoints(state: LedgerState, request: GrantRequest): LedgerOutcome<GrantResult> {
  const keyCheck = checkKey(state, request.key, request.kind, request.points, request.points);
  if (keyCheck) return unchanged(state, keyCheck);

  const lot: PointLot = {
    id: `lot:${request.key}`,
    sourceKey: request.key,
    earnedAt: request.at,
    expiresAt: request.expiresAt,
    points: request.points,
    remaining: request.points,
    reversedAt: null,
  };
  const lots = [...state.lots, lot];
  const entry = newEntry({
    key: request.key,
    kind: request.kind,
    at: request.at,
    points: request.points,
    balanceAfter: pointsBalance(lots, request.at),
    purchaseId: request.purchaseId ?? null,
    lotId: lot.id,
  });
  return changed(state, lots, [entry], [lot], { ok: true, entry, replayed: false });
}

export function redeemPoints(state: LedgerState, request: RedeemRequest): LedgerOutcome<RedeemResult> {
  const kind = request.kind ?? 'redeem';
  const keyCheck = checkKey(state, request.key, kind, 0 - request.points, request.points);
  if (keyCheck) return unchanged(state, keyCheck);

  const balance = pointsBalance(state.lots, request.at);
  if (request.points > balance) return unchanged(state, { ok: false, error: 'insufficient_points', balance });

  const allocations = takeOldestFirst(liveLotsInFifoOrder(state.lots, request.at), request.points);
  const { lots, touched } = applyLotDeltas(state.lots, allocations.map((a) => ({ lotId: a.lotId, delta: -a.points })));
  const entry = newEntry({
    key: request.key,
    kind,
    at: request.at,
    points: 0 - request.points,
    balanceAfter: pointsBalance(lots, request.at),
    purchaseId: request.purchaseId ?? null,
    allocations,
  });
  return changed(state, lots, [entry], touched, { ok: true, entry, replayed: false });
}

/** Writes an expire entry for every lot past its expiry that still holds points; a second run finds none. */
export function expireLots(state: LedgerState, now: Date): LedgerOutcome<{ expiredPoints: number }> {
  const due = state.lots
    .filter((lot) => lot.reversedAt === null && lot.remaining > 0 && lot.expiresAt.getTime() < now.getTime())
    .sort(fifoOrder);
  if (due.length === 0) return unchanged(state, { expiredPoints: 0 });

  const { lots, touched } = applyLotDeltas(state.lots, due.map((lot) => ({ lotId: lot.id, delta: -lot.remaining })));
  const balanceAfter = pointsBalance(lots, now);
  const entries = due.map((lot) =>
    newEntry({ key: `expire:${lot.id}`, kind: 'expire', at: now, points: 0 - lot.remaining, balanceAfter, lotId: lot.id }),
  );
  const expiredPoints = due.reduce((sum, lot) => sum + lot.remaining, 0);
  return changed(state, lots, entries, touched, { expiredPoints });
}

/** Undoes one credit or debit, identified by its idempotency key (rules in the header). */
export function reverseEntry(state: LedgerState, request: { targetKey: string; at: Date }): LedgerOutcome<ReverseResult> {
  const key = `reverse:${request.targetKey}`;
  const previous = findEntry(state, key);
  if (previous) return unchanged(state, { ok: true, entry: previous, replayed: true });

  const target = findEntry(state, request.targetKey);
  if (!target) return unchanged(state, { ok: false, error: 'entry_not_found' });
  if (target.kind === 'reverse' || target.kind === 'expire') return unchanged(state, { ok: false, error: 'not_reversible' });

  return target.lotId !== null ? reverseCredit(state, target, key, request.at) : refundDebit(state, target, key, request.at);
}

/**
 * Voids every entry recorded for one purchase. Debits are refunded before credits are removed,
 * so points the purchase itself used cushion the claw-back of points it earned.
 */
export function reversePurchase(
  state: LedgerState,
  request: { purchaseId: string; at: Date },
): LedgerOutcome<ReversePurchaseResult> {
  const targets = state.entries.filter((e) => e.purchaseId === request.purchaseId && e.kind !== 'reverse' && e.kind !== 'expire');
  if (targets.length === 0) return unchanged(state, { ok: false, error: 'purchase_not_found' });

  const debitsFirst = [...targets.filter((e) => e.lotId === null), ...targets.filter((e) => e.lotId !== null)];
  let current = state;
  const added: LedgerChange = { entries: [], lots: [] };
  const entries: LedgerEntry[] = [];
  let replayed = true;
  for (const target of debitsFirst) {
    const outcome = reverseEntry(current, { targetKey: target.key, at: request.at });
    // Targets come from the state itself and are never reverse/expire entries, so reversal cannot be refused.
    if (!outcome.result.ok) throw new Error(`ledger: cannot reverse ${target.key}: ${outcome.result.error}`);
    current = outcome.state;
    mergeChange(added, outcome.added);
    entries.push(outcome.result.entry);
    replayed &&= outcome.result.replayed;
  }
  return { state: current, added, result: { ok: true, entries, replayed } };
}

/**
 * Moves the expiry of every live lot out to `expiresAt` (never earlier); used by the
 * since-last-purchase policy. Writes no entry: the points do not change, only their lots.
 */
export function extendLiveLots(state: LedgerState, expiresAt: Date, now: Date): LedgerOutcome<{ extendedLots: number }> {
  const extended = state.lots
    .filter((lot) => isLotLive(lot, now) && lot.expiresAt.getTime() < expiresAt.getTime())
    .map((lot) => ({ ...lot, expiresAt }));
  if (extended.length === 0) return unchanged(state, { extendedLots: 0 });

  const byId = new Map(extended.map((lot) => [lot.id, lot]));
  const lots = state.lots.map((lot) => byId.get(lot.id) ?? lot);
  return changed(state, lots, [], extended, { extendedLots: extended.length });
}

function reverseCredit(state: LedgerState, target: LedgerEntry, key: string, at: Date): LedgerOutcome<ReverseResult> {
  const lot = state.lots.find((l) => l.id === target.lotId);
  if (!lot) throw new Error(`ledger: lot ${target.lotId} of entry ${target.key} is missing from the state`);

  const available = new Map(liveLotsInFifoOrder(state.lots, at).filter((l) => l.id !== lot.id).map((l) => [l.id, l.remaining]));
  const reallocations: Reallocation[] = [];
  for (const [debitKey, byLot] of effectiveDebitAllocations(state.entries)) {
    const spent = byLot.get(lot.id) ?? 0;
    if (spent > 0) reallocations.push(...clawBack(debitKey, lot.id, spent, available));
  }

  const clawedBack = reallocations.filter((r): r is Reallocation & { toLotId: string } => r.toLotId !== null);
  const deltas = [{ lotId: lot.id, delta: -lot.remaining }, ...clawedBack.map((r) => ({ lotId: r.toLotId, delta: -r.points }))];
  const { lots, touched } = applyLotDeltas(state.lots, deltas, { lotId: lot.id, reversedAt: at });
  const clawedBackPoints = sumPoints(clawedBack);
  const entry = newEntry({
    key,
    kind: 'reverse',
    at,
    // `0 -` rather than unary minus: a reversal that removes nothing must record 0, not -0.
    points: 0 - (lot.remaining + clawedBackPoints),
    balanceAfter: pointsBalance(lots, at),
    purchaseId: target.purchaseId,
    lotId: lot.id,
    reversesKey: target.key,
    reallocations,
    unrecoverablePoints: sumPoints(reallocations) - clawedBackPoints,
  });
  return changed(state, lots, [entry], touched, { ok: true, entry, replayed: false });
}

/** Takes `spent` points for one debit from the other live lots, oldest first, mutating `available`. */
function clawBack(debitKey: string, fromLotId: string, spent: number, available: Map<string, number>): Reallocation[] {
  const reallocations: Reallocation[] = [];
  let owed = spent;
  for (const [lotId, remaining] of available) {
    if (owed === 0) break;
    const taken = Math.min(owed, remaining);
    if (taken === 0) continue;
    available.set(lotId, remaining - taken);
    reallocations.push({ debitKey, fromLotId, toLotId: lotId, points: taken });
    owed -= taken;
  }
  if (owed > 0) reallocations.push({ debitKey, fromLotId, toLotId: null, points: owed });
  return reallocations;
}

function refundDebit(state: LedgerState, target: LedgerEntry, key: string, at: Date): LedgerOutcome<ReverseResult> {
  const sources = effectiveDebitAllocations(state.entries).get(target.key) ?? new Map<string, number>();
  const lotsById = new Map(state.lots.map((lot) => [lot.id, lot]));
  const allocations: LotMovement[] = [];
  let forfeitedPoints = 0;
  for (const [lotId, points] of sources) {
    if (points === 0) continue;
    const lot = lotsById.get(lotId);
    if (lot && isLotLive(lot, at)) allocations.push({ lotId, points });
    else forfeitedPoints += points;
  }

  const { lots, touched } = applyLotDeltas(state.lots, allocations.map((a) => ({ lotId: a.lotId, delta: a.points })));
  const entry = newEntry({
    key,
    kind: 'reverse',
    at,
    points: sumPoints(allocations),
    balanceAfter: pointsBalance(lots, at),
    purchaseId: target.purchaseId,
    allocations,
    reversesKey: target.key,
    forfeitedPoints,
  });
  return changed(state, lots, [entry], touched, { ok: true, entry, replayed: false });
}

/**
 * Which lots each debit still in force has taken its points from, after claw-backs re-sourced
 * the points of reversed lots. Insertion order is entry order.
 */
function effectiveDebitAllocations(entries: readonly LedgerEntry[]): Map<string, Map<string, number>> {
  const byDebit = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    if (isDebit(entry)) {
      byDebit.set(entry.key, new Map(entry.allocations.map((a) => [a.lotId, a.points])));
      continue;
    }
    if (entry.kind !== 'reverse') continue;
    if (entry.reversesKey !== null) byDebit.delete(entry.reversesKey);
    for (const move of entry.reallocations) {
      const byLot = byDebit.get(move.debitKey);
      if (!byLot) continue;
      byLot.set(move.fromLotId, (byLot.get(move.fromLotId) ?? 0) - move.points);
      if (move.toLotId !== null) byLot.set(move.toLotId, (byLot.get(move.toLotId) ?? 0) + move.points);
    }
  }
  return byDebit;
}

function isDebit(entry: LedgerEntry): boolean {
  return entry.kind === 'redeem' || (entry.kind === 'adjust' && entry.lotId === null);
}

/** Null when the request may go ahead; otherwise the replayed first result or the refusal. */
function checkKey(
  state: LedgerState,
  key: string,
  kind: LedgerEntryKind,
  signedPoints: number,
  amount: number,
): EntryResult | KeyRefusal | null {
  if (RESERVED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) return { ok: false, error: 'reserved_key' };
  const previous = findEntry(state, key);
  if (previous) {
    return previous.kind === kind && previous.points === signedPoints
      ? { ok: true, entry: previous, replayed: true }
      : { ok: false, error: 'idempotency_key_conflict', entry: previous };
  }
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, error: 'invalid_points' };
  return null;
}

function takeOldestFirst(lots: readonly PointLot[], points: number): LotMovement[] {
  const movements: LotMovement[] = [];
  let owed = points;
  for (const lot of lots) {
    if (owed === 0) break;
    const taken = Math.min(owed, lot.remaining);
    movements.push({ lotId: lot.id, points: taken });
    owed -= taken;
  }
  return movements;
}

function applyLotDeltas(
  lots: readonly PointLot[],
  deltas: readonly { lotId: string; delta: number }[],
  reversal?: { lotId: string; reversedAt: Date },
): { lots: PointLot[]; touched: PointLot[] } {
  const deltaById = new Map<string, number>();
  for (const { lotId, delta } of deltas) deltaById.set(lotId, (deltaById.get(lotId) ?? 0) + delta);

  const touched: PointLot[] = [];
  const next = lots.map((lot) => {
    const delta = deltaById.get(lot.id);
    if (delta === undefined) return lot;
    const updated = { ...lot, remaining: lot.remaining + delta };
    if (reversal?.lotId === lot.id) updated.reversedAt = reversal.reversedAt;
    touched.push(updated);
    return updated;
  });
  return { lots: next, touched };
}

function fifoOrder(a: PointLot, b: PointLot): number {
  return (
    a.expiresAt.getTime() - b.expiresAt.getTime() ||
    a.earnedAt.getTime() - b.earnedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function findEntry(state: LedgerState, key: string): LedgerEntry | undefined {
  return state.entries.find((entry) => entry.key === key);
}

function sumPoints(items: readonly { points: number }[]): number {
  return items.reduce((sum, item) => sum + item.points, 0);
}

function newEntry(fields: Pick<LedgerEntry, 'key' | 'kind' | 'at' | 'points' | 'balanceAfter'> & Partial<LedgerEntry>): LedgerEntry {
  return {
    purchaseId: null,
    lotId: null,
    allocations: [],
    reversesKey: null,
    reallocations: [],
    unrecoverablePoints: 0,
    forfeitedPoints: 0,
    ...fields,
  };
}

/** Several operations' changes as one write: entries in order, each lot once with its final values. */
export function mergeChanges(changes: readonly LedgerChange[]): LedgerChange {
  const merged: LedgerChange = { entries: [], lots: [] };
  for (const change of changes) mergeChange(merged, change);
  return merged;
}

function mergeChange(into: LedgerChange, change: LedgerChange): void {
  into.entries.push(...change.entries);
  const byId = new Map(into.lots.map((lot, index) => [lot.id, index]));
  for (const lot of change.lots) {
    const index = byId.get(lot.id);
    if (index === undefined) {
      byId.set(lot.id, into.lots.length);
      into.lots.push(lot);
    } else {
      into.lots[index] = lot;
    }
  }
}

function unchanged<Result>(state: LedgerState, result: Result): LedgerOutcome<Result> {
  return { state, added: { entries: [], lots: [] }, result };
}

function changed<Result>(
  state: LedgerState,
  lots: PointLot[],
  entries: LedgerEntry[],
  touchedLots: PointLot[],
  result: Result,
): LedgerOutcome<Result> {
  return { state: { entries: [...state.entries, ...entries], lots }, added: { entries, lots: touchedLots }, result };
}
