import type { Database } from '../db/database';
import { addressWindow, LOGIN_LIMITS, retryAfterSeconds, type LoginLimits } from './login-limits';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import type { StaffSession } from './staff-session';
import {
  endCheckoutsOfStaff,
  endStaffSessions,
  findStaffById,
  recordAudit,
  recordGoodLogin,
  refundAddressAttempt,
  reserveAddressAttempt,
  reserveLoginAttempt,
  type StaffAccountRow,
} from './staff.repository';

export type LoginOutcome =
  | { ok: true; account: StaffAccountRow }
  /** Wrong password, unknown username and locked account alike: telling them apart would list staff ids. */
  | { ok: false; error: 'invalid_credentials' }
  | { ok: false; error: 'too_many_attempts'; retryAfterSeconds: number };

type LoginDeps = { db: Database; clock: () => Date; limits?: LoginLimits };

/**
 * A staff login. Both limits are reserved in the database before the password is checked (parallel
 * guesses cannot slip past them while scrypt runs, and they hold across processes); the password is
 * then checked in every case, against a dummy hash for unknown names, so every refusal costs the same.
 */
export async function logIn(deps: LoginDeps, input: { username: string; password: string; clientAddress: string }): Promise<LoginOutcome> {
  const limits = deps.limits ?? LOGIN_LIMITS;
  const now = deps.clock();
  const { username, clientAddress } = input;
  const window = addressWindow(now, limits.addressWindowMinutes);

  const addressAttempts = await reserveAddressAttempt(deps.db, clientAddress, window.start);
  if (addressAttempts > limits.maxAttemptsPerAddress) {
    // Refused before any account is read: the same answer for every username, so it reveals nothing.
    await recordAudit(deps.db, { at: now, staffId: null, username, storeId: null, action: 'login', result: 'refused', detail: { reason: 'address_throttled' } });
    return { ok: false, error: 'too_many_attempts', retryAfterSeconds: retryAfterSeconds(window.end, now) };
  }

  const reservation = await reserveLoginAttempt(deps.db, username, now, limits);
  const account = reservation.account;
  const passwordOk = await verifyPassword(input.password, account?.passwordHash ?? UNKNOWN_USER_HASH);
  const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>) =>
    recordAudit(deps.db, { at: now, staffId: account?.id ?? null, username, storeId: account?.storeId ?? null, action: 'login', result, detail });

  if (!reservation.admitted || !passwordOk || !account) {
    const reason = !account ? 'unknown_username' : !reservation.admitted ? 'account_locked' : 'wrong_password';
    await audit('refused', { reason, ...(reservation.admitted && reservation.ownLock ? { locked: true } : {}) });
    return { ok: false, error: 'invalid_credentials' };
  }
  await recordGoodLogin(deps.db, account.id, reservation.ownLock);
  await refundAddressAttempt(deps.db, clientAddress, window.start);
  await audit('ok', {});
  return { ok: true, account };
}

/** Ends every session of the account (its other devices too) and the checkouts they had open, and audits the logout. */
export async function logOut(deps: Pick<LoginDeps, 'db' | 'clock'>, session: Pick<StaffSession, 'staffId' | 'storeId'>): Promise<void> {
  const now = deps.clock();
  const account = await findStaffById(deps.db, session.staffId);
  await endStaffSessions(deps.db, session.staffId);
  await endCheckoutsOfStaff(deps.db, session.staffId, now);
  await recordAudit(deps.db, { at: now, staffId: session.staffId, username: account?.username ?? '', storeId: session.storeId, action: 'logout', result: 'ok' });
}
