import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database';
import { staffAccounts, staffAuditLog } from '../db/schema/staff';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { LOGIN_LIMITS } from './login-limits';
import { hashPassword } from './password';
import { json } from '../testing/staff-testing';
import { createStaffAccount } from './staff.repository';

const RIGHT = 'the-right-password';

describe.each(testDatabaseTargets())('staff login brute force on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let addressCounter = 0;
  /** A fresh client address per call, so a test meets the account lock and not the address limit. */
  const freshAddress = () => `198.51.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const login = (username: string, password: string, forwardedFor = freshAddress()) =>
    t.app.request('/api/staff/session', { method: 'POST', headers: { ...json, 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ username, password }) });
  const newAccount = async (username: string) =>
    createStaffAccount(database.db, { username, displayName: username, storeId: 'shibuya', role: 'clerk', passwordHash: await hashPassword(RIGHT) });
  const statusCounts = (responses: Response[]) =>
    responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

  it('200 simultaneous guesses with the right password last: no 200, at most five passwords checked, and the lock holds afterwards', { timeout: 120_000 }, async () => {
    await newAccount('target');
    const guesses = Array.from({ length: 200 }, (_, i) => (i === 199 ? RIGHT : `guess-${i}`));
    const responses = await Promise.all(guesses.map((password) => login('target', password)));
    expect(statusCounts(responses)).toEqual({ 401: 200 });

    const [account] = await database.db.select().from(staffAccounts).where(eq(staffAccounts.username, 'target'));
    expect(account!.lockedUntil!.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(account!.failedLogins).toBe(LOGIN_LIMITS.maxFailures);
    // Only the attempts admitted before the lock had their password compared with the account's.
    const audit = await database.db.select().from(staffAuditLog).where(and(eq(staffAuditLog.username, 'target'), eq(staffAuditLog.action, 'login')));
    const reasons = statusCountsBy(audit.map((row) => String(row.detail.reason)));
    expect(reasons).toEqual({ wrong_password: LOGIN_LIMITS.maxFailures, account_locked: 200 - LOGIN_LIMITS.maxFailures });

    expect((await login('target', RIGHT)).status).toBe(401);
    t.clock.advance((LOGIN_LIMITS.lockMinutes - 1) * 60_000);
    expect((await login('target', RIGHT)).status).toBe(401);
    t.clock.advance(2 * 60_000);
    expect((await login('target', RIGHT)).status).toBe(200);
  });

  it('a good login inside the limit clears the count; one after the limit does not', async () => {
    await newAccount('steady');
    for (let i = 0; i < LOGIN_LIMITS.maxFailures - 1; i += 1) expect((await login('steady', 'wrong')).status).toBe(401);
    expect((await login('steady', RIGHT)).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.maxFailures; i += 1) expect((await login('steady', 'wrong')).status).toBe(401);
    expect((await login('steady', RIGHT)).status).toBe(401);
  });

  it('answers an unknown username, a wrong password and a locked account with the same response', async () => {
    await newAccount('lockme');
    for (let i = 0; i < LOGIN_LIMITS.maxFailures; i += 1) await login('lockme', 'wrong');
    const locked = await login('lockme', RIGHT);
    const unknown = await login('no-such-clerk', RIGHT);
    await newAccount('unlocked');
    const wrong = await login('unlocked', 'wrong');
    const bodies = await Promise.all([locked, unknown, wrong].map((r) => r.text()));
    expect([locked.status, unknown.status, wrong.status]).toEqual([401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect([locked, unknown, wrong].map((r) => r.headers.get('retry-after'))).toEqual([null, null, null]);
  });

  it('limits failed logins per client address, unknown usernames included, and spoofed X-Forwarded-For entries do not escape it', async () => {
    await newAccount('shared');
    const proxy = '203.0.113.50';
    // The client writes whatever it likes into X-Forwarded-For; the trusted proxy appends the real address.
    const spoofed = (i: number) => `10.${i}.0.1, ${proxy}`;
    for (let i = 0; i < LOGIN_LIMITS.maxAttemptsPerAddress; i += 1) {
      expect((await login(`nobody-${i}`, 'guess', spoofed(i))).status).toBe(401);
    }
    const refused = await login('shared', RIGHT, spoofed(99));
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('too_many_login_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('nobody-else', 'guess', spoofed(100))).status).toBe(429);

    // Another address is not affected, and the next window starts afresh.
    expect((await login('shared', RIGHT, '203.0.113.51')).status).toBe(200);
    t.clock.advance(LOGIN_LIMITS.addressWindowMinutes * 60_000);
    expect((await login('shared', RIGHT, spoofed(101))).status).toBe(200);
  });

  it('only failures use up an address allowance: a store behind one address logs in all day', async () => {
    await newAccount('busy');
    const store = '203.0.113.60';
    for (let i = 0; i < LOGIN_LIMITS.maxAttemptsPerAddress + 5; i += 1) expect((await login('busy', RIGHT, store)).status).toBe(200);
    expect((await login('busy', 'typo', store)).status).toBe(401);
    expect((await login('busy', RIGHT, store)).status).toBe(200);
  });
});

function statusCountsBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});
}
