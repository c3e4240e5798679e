import type { StaffApproval } from '../../contract/staff';
import { HttpError } from '../http/http-error';
import { canApprove } from '../loyalty/register-controls';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import type { StaffDeps } from './staff-deps';
import type { StaffPrincipal } from './staff-env';
import { LOGIN_LIMITS } from './login-limits';
import { findStaffByUsername, recordAudit, recordGoodLogin, reserveLoginAttempt } from './staff.repository';

export type Approver = { staffId: string; username: string };

/**
 * Checks a second staff credential sent with an action that needs a manager: the same scrypt check
 * as the login, and a wrong password counts toward that manager's login lockout, so approvals are
 * no side door for guessing a manager's password. Every failed check is audited under the approver.
 */
export async function verifyApproval(deps: Pick<StaffDeps, 'db' | 'clock'>, requester: StaffPrincipal, approval: StaffApproval, action: string): Promise<Approver> {
  const username = approval.username.trim().toLowerCase();
  const now = deps.clock();
  const account = await findStaffByUsername(deps.db, username);
  const refuse = async (reason: string, error: HttpError): Promise<never> => {
    await recordAudit(deps.db, {
      at: now,
      staffId: account?.id ?? null,
      username,
      storeId: account?.storeId ?? null,
      action: 'approval',
      result: 'refused',
      detail: { reason, for: action, requestedBy: requester.staffId },
    });
    throw error;
  };

  // Refused before any password check: one's own credential proves nothing.
  if (account?.id === requester.staffId) {
    await refuse('self_approval', new HttpError(403, 'approval_self', 'You cannot approve your own action. Ask a manager to enter their staff id and password.'));
  }
  // The attempt is reserved against the approver's login lockout before scrypt runs, exactly as a
  // login is, so parallel approvals cannot guess past the limit either.
  const reservation = account ? await reserveLoginAttempt(deps.db, username, now, LOGIN_LIMITS) : null;
  if (account && !reservation?.admitted) {
    await verifyPassword(approval.password, UNKNOWN_USER_HASH);
    await refuse('account_locked', new HttpError(423, 'approver_locked', 'This manager account is locked after too many failed attempts. Ask another manager.'));
  }
  const passwordOk = await verifyPassword(approval.password, account?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!account || !passwordOk) {
    await refuse(account ? 'wrong_password' : 'unknown_username', new HttpError(403, 'approval_invalid', "The approver's staff id or password is wrong."));
  }
  await recordGoodLogin(deps.db, account!.id, reservation?.admitted ? reservation.ownLock : null);
  const verdict = canApprove({ staffId: account!.id, role: account!.role, storeId: account!.storeId }, requester);
  if (verdict !== 'ok') {
    await refuse(verdict, new HttpError(403, 'approval_not_allowed', 'Only a manager of this store (or an admin) can approve this.'));
  }
  return { staffId: account!.id, username };
}
