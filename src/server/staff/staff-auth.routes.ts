import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { StaffLoginRequestSchema, type DemoStaffList, type StaffMe } from '../../contract/staff';
import type { AppDeps } from '../http/app-deps';
import { HttpError, jsonBody } from '../http/http-error';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import type { StaffEnv, StaffPrincipal } from './staff-env';
import { STAFF_SESSION_COOKIE } from './staff-session';
import { endStaffSessions, findStaffById, findStaffByUsername, LOCKOUT, recordAudit, recordFailedLogin, recordGoodLogin } from './staff.repository';

const jstTime = (date: Date) =>
  new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(date);

const lockedError = (until: Date) =>
  new HttpError(423, 'account_locked', `Too many failed attempts: this account is locked until ${jstTime(until)} (JST). A manager can help meanwhile.`);

export function toStaffMe(staff: StaffPrincipal): StaffMe {
  return {
    username: staff.username,
    displayName: staff.displayName,
    storeId: staff.storeId,
    role: staff.role,
    sessionExpiresAt: staff.sessionExpiresAt.toISOString(),
  };
}

/** Login and logout: public routes of /api/staff (everything else sits behind requireStaff). */
export function staffAuthRoutes(deps: AppDeps) {
  return new Hono<StaffEnv>()
    .post('/session', jsonBody(StaffLoginRequestSchema), async (c) => {
      const { username: typed, password } = c.req.valid('json');
      const username = typed.trim().toLowerCase();
      const now = deps.clock();
      const account = await findStaffByUsername(deps.db, username);
      const audit = (result: 'ok' | 'refused', detail: Record<string, unknown>) =>
        recordAudit(deps.db, { at: now, staffId: account?.id ?? null, username, storeId: account?.storeId ?? null, action: 'login', result, detail });

      if (account?.lockedUntil && account.lockedUntil > now) {
        await audit('refused', { reason: 'account_locked' });
        throw lockedError(account.lockedUntil);
      }
      // Verify even for an unknown name, so timing does not reveal which staff ids exist.
      const passwordOk = await verifyPassword(password, account?.passwordHash ?? UNKNOWN_USER_HASH);
      if (!account || !passwordOk) {
        const locked = account ? await recordFailedLogin(deps.db, account.id, now) : { lockedUntil: null };
        await audit('refused', { reason: account ? 'wrong_password' : 'unknown_username', ...(locked.lockedUntil ? { locked: true } : {}) });
        if (locked.lockedUntil) throw lockedError(locked.lockedUntil);
        throw new HttpError(401, 'invalid_credentials', `Staff id or password is wrong. After ${LOCKOUT.maxFailures} failed attempts the account is locked for ${LOCKOUT.lockMinutes} minutes.`);
      }
      await recordGoodLogin(deps.db, account.id);
      const { token, expiresAt } = await deps.staffSessions.issue({ staffId: account.id, storeId: account.storeId, role: account.role, generation: account.sessionGeneration });
      setCookie(c, STAFF_SESSION_COOKIE, token, {
        httpOnly: true,
        secure: deps.secureCookies,
        // The console is never embedded or linked into from elsewhere: Strict is free protection against CSRF.
        sameSite: 'Strict',
        // /api, not /api/staff: the operator dashboard's /api/admin uses the same staff session (issue #6).
        path: '/api',
        maxAge: deps.staffSessions.ttlSeconds,
      });
      await audit('ok', {});
      const me = toStaffMe({ staffId: account.id, username, displayName: account.displayName, storeId: account.storeId, role: account.role, sessionExpiresAt: expiresAt });
      return c.json(me);
    })
    .delete('/session', async (c) => {
      const token = getCookie(c, STAFF_SESSION_COOKIE);
      const session = token ? await deps.staffSessions.read(token) : null;
      if (session) {
        const now = deps.clock();
        const account = await findStaffById(deps.db, session.staffId);
        await endStaffSessions(deps.db, session.staffId);
        await recordAudit(deps.db, { at: now, staffId: session.staffId, username: account?.username ?? '', storeId: session.storeId, action: 'logout', result: 'ok' });
      }
      deleteCookie(c, STAFF_SESSION_COOKIE, { path: '/api', secure: deps.secureCookies });
      return c.body(null, 204);
    })
    .get('/demo-accounts', (c: Context) => {
      if (!deps.demoStaff) throw new HttpError(404, 'not_found', 'Demo staff exist only in development.');
      const body: DemoStaffList = deps.demoStaff;
      return c.json(body);
    });
}
