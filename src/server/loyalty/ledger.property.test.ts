import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyLedger,
  expireLots,
  grantPoints,
  isLotLive,
  pointsBalance,
  redeemPoints,
  reverseEntry,
  reversePurchase,
  type LedgerChange,
  type LedgerEntry,
  type LedgerState,
} from './ledger';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-03-15T03:00:00Z');

// A small key pool makes repeated keys (replays and conflicts) common.
const key = fc.constantFrom('k0', 'k1', 'k2', 'k3', 'k4', 'k5');
const purchaseId = fc.option(fc.constantFrom('P0', 'P1', 'P2'), { nil: null });

// Amounts from small sets, so a repeated key often resends the very same request (a replay)
// rather than a different one (a conflict); both must leave the state alone.
const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('earn' as const),
      key,
      kind: fc.constantFrom('earn' as const, 'transfer' as const, 'adjust' as const),
      points: fc.constantFrom(1, 50, 100, 300),
      lifetimeDays: fc.integer({ min: 0, max: 60 }),
      purchaseId,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('redeem' as const),
      key,
      kind: fc.constantFrom('redeem' as const, 'adjust' as const),
      points: fc.constantFrom(1, 30, 80, 150, 400),
      purchaseId,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('advance' as const), hours: fc.integer({ min: 0, max: 40 * 24 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('expire' as const) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reverse' as const), key }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reversePurchase' as const), purchaseId: fc.constantFrom('P0', 'P1', 'P2') }) },
);
const operations = (maxLength: number) => fc.array(operation, { maxLength, size: 'max' });
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface Step {
  state: LedgerState;
  added: LedgerChange;
  /** Whether the operation's idempotency key had been used before it ran. */
  keyWasUsed: boolean;
}

function apply(state: LedgerState, op: Operation, now: Date): Step {
  const used = (k: string) => state.entries.some((e) => e.key === k);
  switch (op.type) {
    case 'earn': {
      const expiresAt = new Date(now.getTime() + op.lifetimeDays * DAY_MS);
      const outcome = grantPoints(state, { key: op.key, kind: op.kind, points: op.points, at: now, expiresAt, purchaseId: op.purchaseId });
      return { ...outcome, keyWasUsed: used(op.key) };
    }
    case 'redeem': {
      const balance = pointsBalance(state.lots, now);
      const outcome = redeemPoints(state, { key: op.key, kind: op.kind, points: op.points, at: now, purchaseId: op.purchaseId });
      // Refused for lack of points exactly when the request exceeds the balance.
      if (!used(op.key)) expect(outcome.result.ok).toBe(op.points <= balance);
      return { ...outcome, keyWasUsed: used(op.key) };
    }
    case 'expire':
    case 'advance':
      return { ...expireLots(state, now), keyWasUsed: false };
    case 'reverse':
      return { ...reverseEntry(state, { targetKey: op.key, at: now }), keyWasUsed: used(`reverse:${op.key}`) };
    case 'reversePurchase': {
      const targets = state.entries.filter((e) => e.purchaseId === op.purchaseId && e.kind !== 'reverse' && e.kind !== 'expire');
      const allReversed = targets.length > 0 && targets.every((t) => used(`reverse:${t.key}`));
      return { ...reversePurchase(state, { purchaseId: op.purchaseId, at: now }), keyWasUsed: allReversed };
    }
  }
}

function expectConsistent(state: LedgerState, now: Date, added: readonly LedgerEntry[]): void {
  for (const lot of state.lots) {
    expect(Number.isInteger(lot.remaining)).toBe(true);
    expect(lot.remaining).toBeGreaterThanOrEqual(0);
    expect(lot.remaining).toBeLessThanOrEqual(lot.points);
  }
  const balance = pointsBalance(state.lots, now);
  const liveRemaining = state.lots.filter((lot) => isLotLive(lot, now)).reduce((sum, lot) => sum + lot.remaining, 0);
  expect(balance).toBe(liveRemaining);
  expect(balance).toBeGreaterThanOrEqual(0);
  for (const entry of added) expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);

  // Entries are the audit trail: their points always add up to what the lots hold.
  const sumOfEntries = state.entries.reduce((sum, e) => sum + e.points, 0);
  expect(sumOfEntries).toBe(state.lots.reduce((sum, lot) => sum + lot.remaining, 0));
  expect(new Set(state.entries.map((e) => e.key)).size).toBe(state.entries.length);
}

describe('points ledger properties', () => {
  it('for any sequence of earns, redemptions, expiries and reversals the balance stays consistent and replays change nothing', () => {
    fc.assert(
      fc.property(operations(40), (ops) => {
        let state = emptyLedger;
        let clock = START;
        for (const op of ops) {
          if (op.type === 'advance') clock += op.hours * 60 * 60 * 1000;
          const now = new Date(clock);
          const before = structuredClone(state);
          const step = apply(state, op, now);

          if (step.keyWasUsed) {
            expect(step.state).toEqual(before);
            expect(step.added).toEqual({ entries: [], lots: [] });
          }
          expectConsistent(step.state, now, step.added.entries);
          state = step.state;
        }
        // Once everything due has expired, the entries add up to the balance.
        const now = new Date(clock);
        const settled = expireLots(state, now).state;
        expect(settled.entries.reduce((sum, e) => sum + e.points, 0)).toBe(pointsBalance(settled.lots, now));
      }),
      { numRuns: 200 },
    );
  });

  it('re-sending any request that succeeded returns its first result and leaves the state deep-equal', () => {
    fc.assert(
      fc.property(operations(30), (ops) => {
        let state = emptyLedger;
        let clock = START;
        const resend: Array<(s: LedgerState) => { state: LedgerState; result: unknown }> = [];
        const firstResults: unknown[] = [];
        for (const op of ops) {
          if (op.type === 'advance') clock += op.hours * 60 * 60 * 1000;
          const now = new Date(clock);
          if (op.type === 'earn') {
            const request = { key: op.key, kind: op.kind, points: op.points, at: now, expiresAt: new Date(clock + op.lifetimeDays * DAY_MS) };
            const outcome = grantPoints(state, request);
            if (outcome.result.ok) {
              resend.push((s) => grantPoints(s, { ...request, at: new Date(clock + DAY_MS) }));
              firstResults.push(outcome.result.entry);
            }
            state = outcome.state;
          } else if (op.type === 'redeem') {
            const request = { key: op.key, kind: op.kind, points: op.points, at: now };
            const outcome = redeemPoints(state, request);
            if (outcome.result.ok) {
              resend.push((s) => redeemPoints(s, { ...request, at: new Date(clock + DAY_MS) }));
              firstResults.push(outcome.result.entry);
            }
            state = outcome.state;
          } else if (op.type === 'reverse') {
            const outcome = reverseEntry(state, { targetKey: op.key, at: now });
            if (outcome.result.ok) {
              resend.push((s) => reverseEntry(s, { targetKey: op.key, at: new Date(clock + DAY_MS) }));
              firstResults.push(outcome.result.entry);
            }
            state = outcome.state;
          } else {
            state = expireLots(state, now).state;
          }
        }

        const before = structuredClone(state);
        resend.forEach((send, i) => {
          const again = send(state);
          expect(again.state).toEqual(before);
          expect(again.result).toMatchObject({ ok: true, replayed: true, entry: firstResults[i] });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('without expiry, the balance is credits in force minus debits in force, plus at most what was written off', () => {
    const farFuture = new Date('2099-12-31T14:59:59.999Z');
    fc.assert(
      fc.property(operations(40), (ops) => {
        let state = emptyLedger;
        const now = new Date(START);
        for (const op of ops) {
          if (op.type === 'earn') state = grantPoints(state, { ...op, at: now, expiresAt: farFuture }).state;
          else state = apply(state, op, now).state;
        }
        const reversed = new Set(state.entries.map((e) => e.reversesKey));
        const inForce = state.entries.filter((e) => e.kind !== 'reverse' && e.kind !== 'expire' && !reversed.has(e.key));
        const credits = inForce.filter((e) => e.lotId !== null).reduce((sum, e) => sum + e.points, 0);
        const debits = inForce.filter((e) => e.lotId === null).reduce((sum, e) => sum - e.points, 0);
        const writtenOff = state.entries.reduce((sum, e) => sum + e.unrecoverablePoints, 0);

        const balance = pointsBalance(state.lots, now);
        expect(balance).toBeGreaterThanOrEqual(credits - debits);
        expect(balance).toBeLessThanOrEqual(credits - debits + writtenOff);
        if (writtenOff === 0) expect(balance).toBe(credits - debits);
      }),
      { numRuns: 200 },
    );
  });

  it('reversing every credit and debit leaves no points, and never a negative balance on the way', () => {
    fc.assert(
      fc.property(operations(30), fc.integer({ min: 0, max: 10_000 }), (ops, seed) => {
        let state = emptyLedger;
        let clock = START;
        for (const op of ops) {
          if (op.type === 'advance') clock += op.hours * 60 * 60 * 1000;
          state = apply(state, op, new Date(clock)).state;
        }
        const now = new Date(clock);
        const reversible = state.entries.filter((e) => e.kind !== 'reverse' && e.kind !== 'expire');
        // Reverse in a seed-dependent rotation so credits and debits are undone in varied orders.
        const order = reversible.map((_, i) => reversible[(i + seed) % reversible.length]!);
        for (const entry of order) {
          state = reverseEntry(state, { targetKey: entry.key, at: now }).state;
          expect(pointsBalance(state.lots, now)).toBeGreaterThanOrEqual(0);
        }
        expect(pointsBalance(state.lots, now)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
