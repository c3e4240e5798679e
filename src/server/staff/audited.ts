import type { Context } from 'hono';
import { HttpError } from '../http/http-error';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { recordAudit } from './staff.repository';

/**
 * Runs a staff action and writes its audit entry: who, store, member, what, result. A refusal
 * (an HttpError) is recorded with its code and then answered as usual.
 */
export async function audited<T>(
  deps: Pick<StaffDeps, 'db' | 'clock'>,
  c: Context<StaffEnv>,
  action: string,
  run: (note: { memberId: (id: string) => void }) => Promise<{ result: T; detail?: Record<string, unknown> }>,
): Promise<T> {
  const staff = c.get('staff');
  let memberId: string | null = null;
  const entry = { staffId: staff.staffId, username: staff.username, storeId: staff.storeId, action };
  try {
    const { result, detail } = await run({ memberId: (id) => (memberId = id) });
    await recordAudit(deps.db, { ...entry, at: deps.clock(), memberId, result: 'ok', detail });
    return result;
  } catch (error) {
    if (error instanceof HttpError) {
      await recordAudit(deps.db, { ...entry, at: deps.clock(), memberId, result: 'refused', detail: { code: error.code } });
    }
    throw error;
  }
}
