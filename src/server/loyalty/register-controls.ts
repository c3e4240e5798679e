import type { RegisterControls } from './program-config';

/**
 * Pure rules against insider fraud at the register (programme config `registerControls`): how much
 * one staff account may record alone, and which patterns of a day a manager should look at.
 */

export type PurchaseRefusal = 'amount_above_limit' | 'member_daily_purchases' | 'member_daily_points' | 'approval_required';

export type PurchaseCheck = {
  amountYen: number;
  /** What this purchase would earn. */
  points: number;
  /** The member's purchases earlier this JST day, at any store (voided ones included). */
  today: { purchases: number; points: number };
  /** A manager's credential came with the request and was verified. */
  approved: boolean;
};

export function purchaseNeedsApproval(amountYen: number, controls: RegisterControls): boolean {
  return amountYen > controls.approval.purchaseAboveYen;
}

/** Hard limits first: no approval lifts them. */
export function checkPurchase(input: PurchaseCheck, controls: RegisterControls): { ok: true } | { ok: false; error: PurchaseRefusal; limit: number } {
  const { limits } = controls;
  if (input.amountYen > limits.maxPurchaseYen) return { ok: false, error: 'amount_above_limit', limit: limits.maxPurchaseYen };
  if (input.today.purchases + 1 > limits.maxPurchasesPerMemberPerDay) {
    return { ok: false, error: 'member_daily_purchases', limit: limits.maxPurchasesPerMemberPerDay };
  }
  if (input.today.points + input.points > limits.maxPointsPerMemberPerDay) {
    return { ok: false, error: 'member_daily_points', limit: limits.maxPointsPerMemberPerDay };
  }
  if (purchaseNeedsApproval(input.amountYen, controls) && !input.approved) {
    return { ok: false, error: 'approval_required', limit: controls.approval.purchaseAboveYen };
  }
  return { ok: true };
}

/** Who may approve: a manager or admin of the clerk's own store (an admin of any store), never the clerk. */
export function canApprove(
  approver: { staffId: string; role: 'clerk' | 'manager' | 'admin' | 'marketing'; storeId: string },
  requester: { staffId: string; storeId: string },
): 'ok' | 'self_approval' | 'not_a_manager' | 'other_store' {
  if (approver.staffId === requester.staffId) return 'self_approval';
  if (approver.role === 'clerk' || approver.role === 'marketing') return 'not_a_manager';
  if (approver.role === 'manager' && approver.storeId !== requester.storeId) return 'other_store';
  return 'ok';
}

export type DayActivity = {
  /** Voids per staff account on the day. */
  voidsByStaff: Array<{ staffId: string; username: string; voids: number }>;
  /** The day's purchases, voided ones included. */
  purchases: Array<{ memberId: string; memberNumber: string; receiptId: string; amountYen: number; at: Date }>;
};

export type Anomaly =
  | { kind: 'many_voids'; username: string; count: number; threshold: number }
  | { kind: 'many_purchases'; memberNumber: string; count: number; amountYen: number; threshold: number }
  | { kind: 'near_limit'; memberNumber: string; receiptId: string; amountYen: number; limitYen: number; at: Date };

/** The day's patterns worth a manager's look, most serious kinds first, largest counts first within a kind. */
export function findAnomalies(day: DayActivity, controls: RegisterControls): Anomaly[] {
  const { anomalies, limits } = controls;
  const voids: Anomaly[] = day.voidsByStaff
    .filter((s) => s.voids >= anomalies.voidsPerClerkPerDay)
    .sort((a, b) => b.voids - a.voids)
    .map((s) => ({ kind: 'many_voids', username: s.username, count: s.voids, threshold: anomalies.voidsPerClerkPerDay }));
  const byMember = new Map<string, { memberNumber: string; purchases: number; amountYen: number }>();
  for (const p of day.purchases) {
    const seen = byMember.get(p.memberId) ?? { memberNumber: p.memberNumber, purchases: 0, amountYen: 0 };
    byMember.set(p.memberId, { ...seen, purchases: seen.purchases + 1, amountYen: seen.amountYen + p.amountYen });
  }
  const purchases: Anomaly[] = [...byMember.values()]
    .filter((m) => m.purchases >= anomalies.purchasesPerMemberPerDay)
    .sort((a, b) => b.purchases - a.purchases)
    .map((m) => ({ kind: 'many_purchases', memberNumber: m.memberNumber, count: m.purchases, amountYen: m.amountYen, threshold: anomalies.purchasesPerMemberPerDay }));
  // Integer maths: 90 % of ¥300,000 is ¥270,000 exactly.
  const nearLimitYen = Math.ceil((limits.maxPurchaseYen * anomalies.nearLimitPercent) / 100);
  const nearLimit: Anomaly[] = day.purchases
    .filter((p) => p.amountYen >= nearLimitYen)
    .sort((a, b) => b.amountYen - a.amountYen)
    .map((p) => ({ kind: 'near_limit', memberNumber: p.memberNumber, receiptId: p.receiptId, amountYen: p.amountYen, limitYen: limits.maxPurchaseYen, at: p.at }));
  return [...voids, ...purchases, ...nearLimit];
}
