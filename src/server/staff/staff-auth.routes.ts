import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { StaffLoginRequestSchema, type DemoStaffList, type StaffMe } from '../../contract/staff';
import { HttpError, jsonBody } from '../http/http-error';
import { clientAddress } from '../http/client-address';
import { storeName, type ProgramConfig } from '../loyalty/program-config';
import { LOGIN_LIMITS } from './login-limits';
import { logIn, logOut } from './staff-login.service';
import type { StaffDeps } from './staff-deps';
import type { StaffEnv, StaffPrincipal } from './staff-env';
import { STAFF_SESSION_COOKIE } from './staff-session';

export function toStaffMe(staff: Pick<StaffPrincipal, 'username' | 'displayName' | 'storeId' | 'role' | 'sessionExpiresAt'>, program: Pick<ProgramConfig, 'stores'>): StaffMe {
  return {
    storeName: storeName(program, staff.storeId),
    username: staff.username,
    displayName: staff.displayName,
    storeId: staff.storeId,
    role: staff.role,
    sessionExpiresAt: staff.sessionExpiresAt.toISOString(),
  };
}

/** Login and logout: public routes of /api/staff (everything else sits behind requireStaff). */
export function staffAuthRoutes(deps: Pick<StaffDeps, 'db' | 'program' | 'clock' | 'staffSessions' | 'secureCookies' | 'demoStaff' | 'proxyHops'>) {
  return new Hono<StaffEnv>()
    .post('/session', jsonBody(StaffLoginRequestSchema), async (c) => {
      const { username: typed, password } = c.req.valid('json');
      const username = typed.trim().toLowerCase();
      const outcome = await logIn(deps, { username, password, clientAddress: clientAddress(c, deps.proxyHops) });
      if (!outcome.ok && outcome.error === 'too_many_attempts') {
        c.header('Retry-After', String(outcome.retryAfterSeconds));
        throw new HttpError(429, 'too_many_login_attempts', `Too many failed logins from this network. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes, or ask a manager.`);
      }
      if (!outcome.ok) {
        throw new HttpError(
          401,
          'invalid_credentials',
          `Staff id or password is wrong, or the account is locked: after ${LOGIN_LIMITS.maxFailures} failed attempts it is locked for ${LOGIN_LIMITS.lockMinutes} minutes. A manager can help meanwhile.`,
        );
      }
      const account = outcome.account;
      const { token, expiresAt } = await deps.staffSessions.issue({ staffId: account.id, storeId: account.storeId, role: account.role, generation: account.sessionGeneration });
      setCookie(c, STAFF_SESSION_COOKIE, token, {
        httpOnly: true,
        secure: deps.secureCookies,
        // The console is never embedded or linked into from elsewhere: Strict is free protection against CSRF.
        sameSite: 'Strict',
        // /api, not /api/staff: the operator dashboard's /api/admin uses the same staff session.
        path: '/api',
        maxAge: deps.staffSessions.ttlSeconds,
      });
      const me = toStaffMe({ username, displayName: account.displayName, storeId: account.storeId, role: account.role, sessionExpiresAt: expiresAt }, deps.program);
      return c.json(me);
    })
    .delete('/session', async (c) => {
      const token = getCookie(c, STAFF_SESSION_COOKIE);
      const session = token ? await deps.staffSessions.read(token) : null;
      if (session) await logOut(deps, session);
      deleteCookie(c, STAFF_SESSION_COOKIE, { path: '/api', secure: deps.secureCookies });
      return c.body(null, 204);
    })
    .get('/demo-accounts', (c: Context) => {
      if (!deps.demoStaff) throw new HttpError(404, 'not_found', 'Demo staff exist only in development.');
      const body: DemoStaffList = deps.demoStaff;
      return c.json(body);
    });
}
