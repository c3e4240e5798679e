import { endOfJstDay, startOfJstDay, type JstDate } from '../loyalty/jst';
import { purchasesBetween } from '../loyalty/loyalty.repository';
import { findAnomalies, type Anomaly } from '../loyalty/register-controls';
import type { StaffDeps } from './staff-deps';
import type { StaffPrincipal } from './staff-env';
import { listAudit, voidsByStaffBetween } from './staff.repository';

/** What a manager's reports cover: their own store; an admin's (null) every store. */
export function reportStore(staff: Pick<StaffPrincipal, 'role' | 'storeId'>): string | null {
  return staff.role === 'admin' ? null : staff.storeId;
}

/** The day's register patterns worth a manager's look, at one store or (null) every store. */
export async function registerAnomalies(deps: Pick<StaffDeps, 'db' | 'program'>, input: { day: JstDate; storeId: string | null }): Promise<Anomaly[]> {
  const range = { from: startOfJstDay(input.day), to: endOfJstDay(input.day) };
  const [voidsByStaff, purchases] = await Promise.all([
    voidsByStaffBetween(deps.db, { ...range, storeId: input.storeId }),
    purchasesBetween(deps.db, range.from, range.to, input.storeId),
  ]);
  return findAnomalies({ voidsByStaff, purchases }, deps.program.registerControls);
}

/** The latest audit entries, newest first, at one store or (null) every store. */
export function auditEntries(deps: Pick<StaffDeps, 'db'>, input: { storeId: string | null; limit: number }) {
  return listAudit(deps.db, input);
}
