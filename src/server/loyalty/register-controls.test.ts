import { describe, expect, it } from 'vitest';
import { defaultRegisterControls as controls } from './program-config';
import { canApprove, checkPurchase, findAnomalies, purchaseNeedsApproval } from './register-controls';

const quiet = { purchases: 0, points: 0 };

describe('checkPurchase', () => {
  it('refuses a ¥10,000,000 purchase even with a manager’s approval', () => {
    expect(checkPurchase({ amountYen: 10_000_000, points: 100_000, today: quiet, approved: true }, controls)).toEqual({
      ok: false,
      error: 'amount_above_limit',
      limit: 300_000,
    });
  });

  it('accepts the limit itself and refuses one yen more', () => {
    expect(checkPurchase({ amountYen: 300_000, points: 3_000, today: quiet, approved: true }, controls)).toEqual({ ok: true });
    expect(checkPurchase({ amountYen: 300_001, points: 3_000, today: quiet, approved: true }, controls)).toMatchObject({ error: 'amount_above_limit' });
  });

  it('needs approval only above the threshold', () => {
    expect(purchaseNeedsApproval(100_000, controls)).toBe(false);
    expect(purchaseNeedsApproval(100_001, controls)).toBe(true);
    expect(checkPurchase({ amountYen: 100_000, points: 1_000, today: quiet, approved: false }, controls)).toEqual({ ok: true });
    expect(checkPurchase({ amountYen: 100_001, points: 1_000, today: quiet, approved: false }, controls)).toEqual({
      ok: false,
      error: 'approval_required',
      limit: 100_000,
    });
    expect(checkPurchase({ amountYen: 100_001, points: 1_000, today: quiet, approved: true }, controls)).toEqual({ ok: true });
  });

  it('refuses the purchase past the member’s daily count and daily points', () => {
    expect(checkPurchase({ amountYen: 1_000, points: 10, today: { purchases: 9, points: 0 }, approved: false }, controls)).toEqual({ ok: true });
    expect(checkPurchase({ amountYen: 1_000, points: 10, today: { purchases: 10, points: 0 }, approved: false }, controls)).toMatchObject({
      error: 'member_daily_purchases',
      limit: 10,
    });
    expect(checkPurchase({ amountYen: 1_000, points: 10, today: { purchases: 1, points: 9_990 }, approved: false }, controls)).toEqual({ ok: true });
    expect(checkPurchase({ amountYen: 1_000, points: 11, today: { purchases: 1, points: 9_990 }, approved: false }, controls)).toMatchObject({
      error: 'member_daily_points',
    });
  });
});

describe('canApprove', () => {
  const clerk = { staffId: 'c1', storeId: 'shibuya' };
  it('lets a manager of the same store or an admin approve, nobody approve their own action', () => {
    expect(canApprove({ staffId: 'm1', role: 'manager', storeId: 'shibuya' }, clerk)).toBe('ok');
    expect(canApprove({ staffId: 'a1', role: 'admin', storeId: 'hq' }, clerk)).toBe('ok');
    expect(canApprove({ staffId: 'm2', role: 'manager', storeId: 'umeda' }, clerk)).toBe('other_store');
    expect(canApprove({ staffId: 'c2', role: 'clerk', storeId: 'shibuya' }, clerk)).toBe('not_a_manager');
    expect(canApprove({ staffId: 'm1', role: 'manager', storeId: 'shibuya' }, { staffId: 'm1', storeId: 'shibuya' })).toBe('self_approval');
  });
});

describe('findAnomalies', () => {
  const at = new Date('2026-11-23T03:00:00Z');
  it('lists many voids by one clerk, many purchases by one member and purchases near the limit', () => {
    const anomalies = findAnomalies(
      {
        voidsByStaff: [
          { staffId: 's1', username: 'clerk1', voids: 2 },
          { staffId: 's2', username: 'clerk9', voids: 4 },
        ],
        purchases: [
          ...Array.from({ length: 4 }, (_, i) => ({ memberId: 'a', memberNumber: '2900000000017', receiptId: `A-${i}`, amountYen: 1_000, at })),
          ...Array.from({ length: 5 }, (_, i) => ({ memberId: 'b', memberNumber: '2900000000024', receiptId: `B-${i}`, amountYen: 1_000, at })),
          { memberId: 'c', memberNumber: '2900000000031', receiptId: 'C-1', amountYen: 269_999, at },
          { memberId: 'd', memberNumber: '2900000000048', receiptId: 'D-1', amountYen: 270_000, at },
        ],
      },
      controls,
    );
    expect(anomalies).toEqual([
      { kind: 'many_voids', username: 'clerk9', count: 4, threshold: 3 },
      { kind: 'many_purchases', memberNumber: '2900000000024', count: 5, amountYen: 5_000, threshold: 5 },
      { kind: 'near_limit', memberNumber: '2900000000048', receiptId: 'D-1', amountYen: 270_000, limitYen: 300_000, at },
    ]);
  });

  it('is empty on an ordinary day', () => {
    expect(findAnomalies({ voidsByStaff: [], purchases: [] }, controls)).toEqual([]);
  });
});
