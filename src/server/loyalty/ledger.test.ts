import { describe, expect, it } from 'vitest';
import {
  emptyLedger,
  expireLots,
  extendLiveLots,
  grantPoints,
  pointsBalance,
  redeemPoints,
  reverseEntry,
  reversePurchase,
  type GrantRequest,
  type LedgerState,
} from './ledger';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-15T03:00:00Z');
const END_OF_MARCH_2027 = at('2027-03-31T14:59:59.999Z');

function earn(state: LedgerState, key: string, points: number, overrides: Partial<GrantRequest> = {}): LedgerState {
  const outcome = grantPoints(state, { key, kind: 'earn', points, at: NOW, expiresAt: END_OF_MARCH_2027, ...overrides });
  if (!outcome.result.ok) throw new Error(`earn ${key} refused: ${outcome.result.error}`);
  return outcome.state;
}

function redeem(state: LedgerState, key: string, points: number, when = NOW): LedgerState {
  const outcome = redeemPoints(state, { key, points, at: when });
  if (!outcome.result.ok) throw new Error(`redeem ${key} refused: ${outcome.result.error}`);
  return outcome.state;
}

function remainingOf(state: LedgerState, lotId: string): number | undefined {
  return state.lots.find((lot) => lot.id === lotId)?.remaining;
}

describe('granting points', () => {
  it('an earn creates one lot holding all its points until its expiry', () => {
    const outcome = grantPoints(emptyLedger, {
      key: 'purchase:S1:R1',
      kind: 'earn',
      points: 120,
      at: NOW,
      expiresAt: END_OF_MARCH_2027,
      purchaseId: 'P1',
    });

    expect(outcome.result).toMatchObject({ ok: true, replayed: false, entry: { kind: 'earn', points: 120, balanceAfter: 120 } });
    expect(outcome.added.lots).toEqual([
      {
        id: 'lot:purchase:S1:R1',
        sourceKey: 'purchase:S1:R1',
        earnedAt: NOW,
        expiresAt: END_OF_MARCH_2027,
        points: 120,
        remaining: 120,
        reversedAt: null,
      },
    ]);
    expect(outcome.added.entries).toHaveLength(1);
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(120);
  });

  it('a transfer from a linked paper card creates a lot like an earn', () => {
    const state = earn(emptyLedger, 'link:paper-1', 300, { kind: 'transfer' });
    expect(state.lots).toMatchObject([{ points: 300, remaining: 300 }]);
    expect(state.entries[0]?.kind).toBe('transfer');
  });

  it('granting again with the same key changes nothing and returns the first entry', () => {
    const first = grantPoints(emptyLedger, { key: 'k', kind: 'earn', points: 50, at: NOW, expiresAt: END_OF_MARCH_2027 });
    const again = grantPoints(first.state, { key: 'k', kind: 'earn', points: 50, at: at('2026-03-16T00:00:00Z'), expiresAt: END_OF_MARCH_2027 });

    expect(again.state).toBe(first.state);
    expect(again.added).toEqual({ entries: [], lots: [] });
    expect(again.result).toEqual({ ok: true, entry: first.added.entries[0], replayed: true });
  });

  it('reusing a key for a different amount is refused as a conflict and changes nothing', () => {
    const state = earn(emptyLedger, 'k', 50);
    const outcome = grantPoints(state, { key: 'k', kind: 'earn', points: 60, at: NOW, expiresAt: END_OF_MARCH_2027 });
    expect(outcome.result).toMatchObject({ ok: false, error: 'idempotency_key_conflict' });
    expect(outcome.state).toBe(state);
  });

  it('zero, negative or fractional points and reserved keys are refused', () => {
    const request = { key: 'k', kind: 'earn' as const, at: NOW, expiresAt: END_OF_MARCH_2027 };
    for (const points of [0, -5, 1.5]) {
      expect(grantPoints(emptyLedger, { ...request, points }).result).toEqual({ ok: false, error: 'invalid_points' });
    }
    expect(grantPoints(emptyLedger, { ...request, key: 'reverse:x', points: 5 }).result).toEqual({ ok: false, error: 'reserved_key' });
  });
});

describe('redeeming points', () => {
  it('takes points from the lot that expires first, then the one earned first', () => {
    let state = earn(emptyLedger, 'late', 100, { expiresAt: at('2027-06-30T14:59:59.999Z') });
    state = earn(state, 'early-second', 100, { at: at('2026-03-15T05:00:00Z') });
    state = earn(state, 'early-first', 100, { at: at('2026-03-15T04:00:00Z') });

    const outcome = redeemPoints(state, { key: 'r', points: 150, at: at('2026-03-16T00:00:00Z') });

    expect(outcome.result).toMatchObject({
      ok: true,
      entry: {
        points: -150,
        balanceAfter: 150,
        allocations: [
          { lotId: 'lot:early-first', points: 100 },
          { lotId: 'lot:early-second', points: 50 },
        ],
      },
    });
    expect(outcome.added.lots.map((lot) => [lot.id, lot.remaining])).toEqual([
      ['lot:early-second', 50],
      ['lot:early-first', 0],
    ]);
  });

  it('redeeming exactly the balance leaves a balance of zero', () => {
    let state = earn(emptyLedger, 'a', 70);
    state = earn(state, 'b', 30);
    const outcome = redeemPoints(state, { key: 'r', points: 100, at: NOW });
    expect(outcome.result).toMatchObject({ ok: true, entry: { balanceAfter: 0 } });
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(0);
  });

  it('redeeming more points than the balance is refused and changes nothing', () => {
    const state = earn(emptyLedger, 'a', 100);
    const outcome = redeemPoints(state, { key: 'r', points: 101, at: NOW });
    expect(outcome.result).toEqual({ ok: false, error: 'insufficient_points', balance: 100 });
    expect(outcome.state).toBe(state);
    expect(outcome.added).toEqual({ entries: [], lots: [] });
  });

  it('a refused redemption is not remembered, so the same key succeeds once the points are there', () => {
    let state = earn(emptyLedger, 'a', 50);
    expect(redeemPoints(state, { key: 'r', points: 80, at: NOW }).result.ok).toBe(false);
    state = earn(state, 'b', 50);
    expect(redeemPoints(state, { key: 'r', points: 80, at: NOW }).result).toMatchObject({ ok: true, replayed: false });
  });

  it('points past their expiry are not in the balance and cannot be redeemed', () => {
    const state = earn(emptyLedger, 'a', 100, { expiresAt: at('2026-03-31T14:59:59.999Z') });
    expect(pointsBalance(state.lots, at('2026-03-31T14:59:59.999Z'))).toBe(100);
    expect(pointsBalance(state.lots, at('2026-03-31T15:00:00Z'))).toBe(0);
    expect(redeemPoints(state, { key: 'r', points: 1, at: at('2026-03-31T15:00:00Z') }).result).toEqual({
      ok: false,
      error: 'insufficient_points',
      balance: 0,
    });
  });

  it('redeeming again with the same key returns the first result even after the balance moved', () => {
    let state = earn(emptyLedger, 'a', 100);
    const first = redeemPoints(state, { key: 'r', points: 40, at: NOW });
    state = earn(first.state, 'b', 10);
    const again = redeemPoints(state, { key: 'r', points: 40, at: NOW });
    expect(again.state).toBe(state);
    expect(again.result).toEqual({ ok: true, entry: first.added.entries[0], replayed: true });
  });

  it('a negative adjustment debits like a redemption', () => {
    const state = earn(emptyLedger, 'a', 100);
    const outcome = redeemPoints(state, { key: 'fix-1', kind: 'adjust', points: 30, at: NOW });
    expect(outcome.result).toMatchObject({ ok: true, entry: { kind: 'adjust', points: -30, lotId: null } });
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(70);
  });
});

describe('expiring lots', () => {
  const march = at('2026-03-31T14:59:59.999Z');
  const state = earn(earn(emptyLedger, 'march', 100, { expiresAt: march }), 'later', 50);

  it('a lot is still live at its last instant and expired one millisecond later', () => {
    expect(expireLots(state, march).added.entries).toEqual([]);
    const outcome = expireLots(state, at('2026-03-31T15:00:00Z'));
    expect(outcome.result).toEqual({ expiredPoints: 100 });
    expect(outcome.added.entries).toMatchObject([{ key: 'expire:lot:march', kind: 'expire', points: -100, balanceAfter: 50 }]);
    expect(outcome.added.lots).toMatchObject([{ id: 'lot:march', remaining: 0 }]);
  });

  it('running the expiry twice writes nothing the second time', () => {
    const once = expireLots(state, at('2026-04-01T00:00:00Z'));
    const twice = expireLots(once.state, at('2026-04-02T00:00:00Z'));
    expect(twice.added).toEqual({ entries: [], lots: [] });
    expect(twice.state).toBe(once.state);
  });

  it('after expiry the entries add up to the balance', () => {
    const later = at('2026-04-01T00:00:00Z');
    const expired = expireLots(redeem(state, 'r', 30), later).state;
    const sumOfEntries = expired.entries.reduce((sum, e) => sum + e.points, 0);
    expect(sumOfEntries).toBe(pointsBalance(expired.lots, later));
    expect(sumOfEntries).toBe(50);
  });
});

describe('reversing a credit (voiding a purchase that earned points)', () => {
  it('an unspent earn is removed entirely', () => {
    const state = earn(earn(emptyLedger, 'other', 40), 'p1', 100, { purchaseId: 'P1' });
    const outcome = reverseEntry(state, { targetKey: 'p1', at: NOW });
    expect(outcome.result).toMatchObject({
      ok: true,
      entry: { key: 'reverse:p1', kind: 'reverse', points: -100, reversesKey: 'p1', unrecoverablePoints: 0, purchaseId: 'P1' },
    });
    expect(outcome.added.lots).toMatchObject([{ id: 'lot:p1', remaining: 0, reversedAt: NOW }]);
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(40);
  });

  it('points already spent from the lot are clawed back from the other live lots, oldest first', () => {
    let state = earn(emptyLedger, 'p1', 100, { expiresAt: at('2026-12-31T14:59:59.999Z') });
    state = earn(state, 'b-late', 100, { expiresAt: at('2027-12-31T14:59:59.999Z') });
    state = earn(state, 'b-early', 100, { expiresAt: at('2027-06-30T14:59:59.999Z') });
    state = redeem(state, 'r', 130); // 100 from p1, 30 from b-early

    const outcome = reverseEntry(state, { targetKey: 'p1', at: NOW });

    expect(outcome.result).toMatchObject({
      ok: true,
      entry: {
        points: -100,
        unrecoverablePoints: 0,
        reallocations: [
          { debitKey: 'r', fromLotId: 'lot:p1', toLotId: 'lot:b-early', points: 70 },
          { debitKey: 'r', fromLotId: 'lot:p1', toLotId: 'lot:b-late', points: 30 },
        ],
      },
    });
    expect(remainingOf(outcome.state, 'lot:b-early')).toBe(0);
    expect(remainingOf(outcome.state, 'lot:b-late')).toBe(70);
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(70);
  });

  it('when the other lots cannot cover the spent points the balance stops at zero and the shortfall is recorded', () => {
    let state = earn(emptyLedger, 'p1', 100);
    state = redeem(state, 'r', 80);
    state = earn(state, 'b', 30);

    const outcome = reverseEntry(state, { targetKey: 'p1', at: NOW });

    expect(outcome.result).toMatchObject({ ok: true, entry: { points: -50, balanceAfter: 0, unrecoverablePoints: 50 } });
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(0);
    expect(outcome.state.lots.every((lot) => lot.remaining >= 0)).toBe(true);
  });

  it('points of the lot that had already expired are not clawed back', () => {
    let state = earn(emptyLedger, 'p1', 100, { expiresAt: at('2026-03-31T14:59:59.999Z') });
    state = earn(state, 'b', 100);
    state = redeem(state, 'r', 60); // 60 from p1; its other 40 expire
    const afterExpiry = at('2026-04-05T00:00:00Z');
    state = expireLots(state, afterExpiry).state;

    const outcome = reverseEntry(state, { targetKey: 'p1', at: afterExpiry });

    expect(outcome.result).toMatchObject({ ok: true, entry: { points: -60, unrecoverablePoints: 0 } });
    expect(pointsBalance(outcome.state.lots, afterExpiry)).toBe(40);
  });

  it('reversing twice changes nothing the second time and returns the first reversal', () => {
    const state = earn(emptyLedger, 'p1', 100);
    const first = reverseEntry(state, { targetKey: 'p1', at: NOW });
    const again = reverseEntry(first.state, { targetKey: 'p1', at: at('2026-03-20T00:00:00Z') });
    expect(again.state).toBe(first.state);
    expect(again.result).toEqual({ ok: true, entry: first.added.entries[0], replayed: true });
  });

  it('an unknown key, an expiry or a reversal cannot be reversed', () => {
    let state = earn(emptyLedger, 'p1', 100, { expiresAt: at('2026-03-31T14:59:59.999Z') });
    state = expireLots(state, at('2026-04-01T00:00:00Z')).state;
    expect(reverseEntry(state, { targetKey: 'nope', at: NOW }).result).toEqual({ ok: false, error: 'entry_not_found' });
    expect(reverseEntry(state, { targetKey: 'expire:lot:p1', at: NOW }).result).toEqual({ ok: false, error: 'not_reversible' });
  });
});

describe('reversing a redemption (refund)', () => {
  it('points go back into the lots they came from', () => {
    let state = earn(emptyLedger, 'a', 100);
    state = earn(state, 'b', 100, { expiresAt: at('2027-06-30T14:59:59.999Z') });
    state = redeem(state, 'r', 150);

    const outcome = reverseEntry(state, { targetKey: 'r', at: NOW });

    expect(outcome.result).toMatchObject({
      ok: true,
      entry: { points: 150, balanceAfter: 200, forfeitedPoints: 0, allocations: [{ lotId: 'lot:a', points: 100 }, { lotId: 'lot:b', points: 50 }] },
    });
    expect(outcome.state.lots.map((lot) => lot.remaining)).toEqual([100, 100]);
  });

  it('points whose lot expired meanwhile are forfeited, not refunded', () => {
    let state = earn(emptyLedger, 'a', 100, { expiresAt: at('2026-03-31T14:59:59.999Z') });
    state = earn(state, 'b', 100);
    state = redeem(state, 'r', 150); // 100 from a, 50 from b

    const outcome = reverseEntry(state, { targetKey: 'r', at: at('2026-04-01T00:00:00Z') });

    expect(outcome.result).toMatchObject({ ok: true, entry: { points: 50, forfeitedPoints: 100 } });
    expect(pointsBalance(outcome.state.lots, at('2026-04-01T00:00:00Z'))).toBe(100);
  });

  it('a refund after its lot was voided returns the points to the lot that covered the claw-back', () => {
    let state = earn(emptyLedger, 'p1', 100);
    state = earn(state, 'b', 100, { expiresAt: at('2027-06-30T14:59:59.999Z') });
    state = redeem(state, 'r', 100); // all from p1
    state = reverseEntry(state, { targetKey: 'p1', at: NOW }).state; // claws 100 back from b

    const outcome = reverseEntry(state, { targetKey: 'r', at: NOW });

    expect(outcome.result).toMatchObject({ ok: true, entry: { points: 100, allocations: [{ lotId: 'lot:b', points: 100 }] } });
    // Only b's purchase stands, and nothing was redeemed: its 100 points are back.
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(100);
  });

  it('points that could not be clawed back are never refunded', () => {
    let state = earn(emptyLedger, 'p1', 100);
    state = redeem(state, 'r', 100);
    state = reverseEntry(state, { targetKey: 'p1', at: NOW }).state; // 100 unrecoverable

    const outcome = reverseEntry(state, { targetKey: 'r', at: NOW });

    expect(outcome.result).toMatchObject({ ok: true, entry: { points: 0, allocations: [] } });
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(0);
  });

  it('a voided earn after its redemption was refunded takes the refunded points with it', () => {
    let state = earn(emptyLedger, 'p1', 100);
    state = redeem(state, 'r', 60);
    state = reverseEntry(state, { targetKey: 'r', at: NOW }).state;

    const outcome = reverseEntry(state, { targetKey: 'p1', at: NOW });

    expect(outcome.result).toMatchObject({ ok: true, entry: { points: -100, unrecoverablePoints: 0, reallocations: [] } });
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(0);
  });
});

describe('reversing a whole purchase', () => {
  it('refunds the points the purchase used before removing the points it earned', () => {
    let state = earn(emptyLedger, 'old', 100);
    state = redeemPoints(state, { key: 'sale-1:use', points: 50, at: NOW, purchaseId: 'sale-1' }).state;
    state = grantPoints(state, { key: 'sale-1:earn', kind: 'earn', points: 30, at: NOW, expiresAt: END_OF_MARCH_2027, purchaseId: 'sale-1' }).state;

    const outcome = reversePurchase(state, { purchaseId: 'sale-1', at: NOW });

    expect(outcome.result).toMatchObject({ ok: true, replayed: false });
    expect(outcome.added.entries.map((e) => [e.reversesKey, e.points])).toEqual([
      ['sale-1:use', 50],
      ['sale-1:earn', -30],
    ]);
    expect(pointsBalance(outcome.state.lots, NOW)).toBe(100);
    expect(reversePurchase(outcome.state, { purchaseId: 'sale-1', at: NOW })).toMatchObject({
      state: outcome.state,
      added: { entries: [], lots: [] },
      result: { ok: true, replayed: true },
    });
  });

  it('an unknown purchase is reported, not invented', () => {
    expect(reversePurchase(emptyLedger, { purchaseId: 'nope', at: NOW }).result).toEqual({ ok: false, error: 'purchase_not_found' });
  });
});

describe('extending live lots', () => {
  it('moves live lots out to the new expiry, never earlier, and leaves expired lots alone', () => {
    let state = earn(emptyLedger, 'dead', 10, { expiresAt: at('2026-03-01T00:00:00Z') });
    state = earn(state, 'short', 10, { expiresAt: at('2026-06-30T14:59:59.999Z') });
    state = earn(state, 'long', 10, { expiresAt: at('2028-01-01T00:00:00Z') });
    const newExpiry = at('2027-03-15T14:59:59.999Z');

    const outcome = extendLiveLots(state, newExpiry, NOW);

    expect(outcome.result).toEqual({ extendedLots: 1 });
    expect(outcome.added.lots).toMatchObject([{ id: 'lot:short', expiresAt: newExpiry }]);
    expect(outcome.added.entries).toEqual([]);
  });
});

it('operations never mutate the state they are given', () => {
  const state = earn(earn(emptyLedger, 'a', 100), 'b', 50);
  const snapshot = structuredClone(state);
  redeemPoints(state, { key: 'r', points: 120, at: NOW });
  reverseEntry(state, { targetKey: 'a', at: NOW });
  expireLots(state, at('2030-01-01T00:00:00Z'));
  extendLiveLots(state, at('2030-01-01T00:00:00Z'), NOW);
  expect(state).toEqual(snapshot);
});
