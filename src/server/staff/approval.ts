import type { StaffApproval } from '../../contract/staff';
import { canApprove } from '../loyalty/register-controls';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import type { StaffDeps } from './staff-deps';
import type { StaffPrincipal } from './staff-env';
import { LOGIN_LIMITS } from './login-limits';
import { findStaffByUsername, recordAudit, recordGoodLogin, reserveLoginAttempt } from './staff.repository';

export type Approver = { staffId: string; username: string };

/** Why a manager's credential did not approve: the console's error code for each. */
export type ApprovalRefusal = { reason: 'approval_self' | 'approver_locked' | 'approval_invalid' | 'approval_not_allowed' };

export type ApprovalOutcome = { ok: true; approver: Approver } | { ok: false; refusal: ApprovalRefusal };

/**
 * Checks a second staff credential sent with an action that needs a manager: the same scrypt check
 * as the login, and a wrong password counts toward that manager's login lockout, so approvals are
 * no side door for guessing a manager's password. Every failed check is audited under the approver.
 */
export async function verifyApproval(
  deps: Pick<StaffDeps, 'db' | 'clock'>,
  requester: Pick<StaffPrincipal, 'staffId' | 'storeId'>,
  approval: StaffApproval,
  action: string,
): Promise<ApprovalOutcome> {
  const username = approval.username.trim().toLowerCase();
  const now = deps.clock();
  const account = await findStaffByUsername(deps.db, username);
  const refuse = async (auditReason: string, reason: ApprovalRefusal['reason']): Promise<ApprovalOutcome> => {
    await recordAudit(deps.db, {
      at: now,
      staffId: account?.id ?? null,
      username,
      storeId: account?.storeId ?? null,
      action: 'approval',
      result: 'refused',
      detail: { reason: auditReason, for: action, requestedBy: requester.staffId },
    });
    return { ok: false, refusal: { reason } };
  };

  // Refused before any password check: one's own credential proves nothing.
  if (account?.id === requester.staffId) return refuse('self_approval', 'approval_self');
  // The attempt is reserved against the approver's login lockout before scrypt runs, exactly as a
  // login is, so parallel approvals cannot guess past the limit either.
  const reservation = account ? await reserveLoginAttempt(deps.db, username, now, LOGIN_LIMITS) : null;
  if (account && !reservation?.admitted) {
    await verifyPassword(approval.password, UNKNOWN_USER_HASH);
    return refuse('account_locked', 'approver_locked');
  }
  const passwordOk = await verifyPassword(approval.password, account?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!account || !passwordOk) return refuse(account ? 'wrong_password' : 'unknown_username', 'approval_invalid');
  await recordGoodLogin(deps.db, account.id, reservation?.admitted ? reservation.ownLock : null);
  const verdict = canApprove({ staffId: account.id, role: account.role, storeId: account.storeId }, requester);
  if (verdict !== 'ok') return refuse(verdict, 'approval_not_allowed');
  return { ok: true, approver: { staffId: account.id, username } };
}
