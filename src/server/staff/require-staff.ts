import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { StaffRole } from '../../contract/staff';
import { HttpError } from '../http/http-error';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv } from './staff-env';
import { STAFF_SESSION_COOKIE } from './staff-session';
import { findStaffById } from './staff.repository';

/** Guards the staff API: a valid staff session cookie of an account that still exists and has not logged out since. */
export function requireStaff(deps: Pick<StaffDeps, 'db' | 'staffSessions'>) {
  return createMiddleware<StaffEnv>(async (c, next) => {
    const token = getCookie(c, STAFF_SESSION_COOKIE);
    const session = token ? await deps.staffSessions.read(token) : null;
    const account = session ? await findStaffById(deps.db, session.staffId) : undefined;
    if (!session || !account || session.generation !== account.sessionGeneration) {
      throw new HttpError(401, 'staff_session_required', 'Your staff session has ended. Please log in again.');
    }
    c.set('staff', {
      staffId: account.id,
      sessionId: session.sessionId,
      username: account.username,
      displayName: account.displayName,
      storeId: account.storeId,
      role: account.role,
      sessionExpiresAt: session.expiresAt,
    });
    await next();
  });
}

export function requireRole(...roles: StaffRole[]) {
  return createMiddleware<StaffEnv>(async (c, next) => {
    if (!roles.includes(c.get('staff').role)) {
      throw new HttpError(403, 'forbidden_role', `This needs the role ${roles.join(' or ')}.`);
    }
    await next();
  });
}
