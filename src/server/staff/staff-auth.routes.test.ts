import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { DatabaseHandle } from '../db/database';
import { staffAccounts, staffAuditLog } from '../db/schema/staff';
import { seedPersonas } from '../dev/seed-personas';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { seedDemoStaff } from './seed-staff';
import { json, staffPost, staffSignIn } from '../testing/staff-testing';
import { createStaffAccount } from './staff.repository';
import { hashPassword } from './password';

describe.each(testDatabaseTargets())('staff accounts, sessions and roles on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, t.deps.program, personas, t.clock.now());
  });
  afterAll(async () => {
    await database.close();
  });

  const login = (username: string, password: string) =>
    t.app.request('/api/staff/session', { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });

  it('logs a clerk in with an HttpOnly, SameSite=Strict cookie of its own and says who and where', async () => {
    const response = await login('clerk1', 'demo-1234');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: 'clerk1', storeId: 'shibuya', role: 'clerk' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^mc_staff=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await t.app.request('/api/staff/session', { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toMatchObject({ username: 'clerk1', role: 'clerk' });
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const rows = await database.db.select().from(staffAccounts);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await hashPassword('demo-1234')).not.toContain('demo-1234');
  });

  it('refuses a wrong password and an unknown staff id with the same clear 401', async () => {
    const wrong = await login('clerk2', 'nope');
    const unknown = await login('nobody', 'demo-1234');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
  });

  it('locks the account after five failures, even with the right password, until the lock ends', async () => {
    await createStaffAccount(database.db, { username: 'locky', displayName: 'locky', storeId: 'umeda', role: 'clerk', passwordHash: await hashPassword('right-pass') });
    const failures = await Promise.all(Array.from({ length: 5 }, () => login('locky', 'wrong')));
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const locked = await login('locky', 'right-pass');
    expect(locked.status).toBe(401);
    expect((await locked.json()).error.message).toMatch(/locked/);
    t.clock.advance(16 * 60_000);
    expect((await login('locky', 'right-pass')).status).toBe(200);
  });

  it('ends the session at logout and at expiry', async () => {
    const cookie = await staffSignIn(t.app, 'manager1');
    expect((await t.app.request('/api/staff/session', { headers: { cookie } })).status).toBe(200);
    const logout = await t.app.request('/api/staff/session', { method: 'DELETE', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect((await t.app.request('/api/staff/session', { headers: { cookie } })).status).toBe(401);

    // Logging in again at once works (and the old cookie stays dead).
    const next = await staffSignIn(t.app, 'manager1');
    expect((await t.app.request('/api/staff/session', { headers: { cookie: next } })).status).toBe(200);
    expect((await t.app.request('/api/staff/session', { headers: { cookie } })).status).toBe(401);
    t.clock.advance(8 * 3600_000 + 1000);
    const expired = await t.app.request('/api/staff/session', { headers: { cookie: next } });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('staff_session_required');
  });

  it('keeps shopper and staff sessions apart: neither opens the other API', async () => {
    const shopper = await t.signIn(personas.find((p) => p.id === 'with-points')!.lineUserId);
    const staff = await staffSignIn(t.app, 'clerk1');
    expect((await t.app.request('/api/staff/session', { headers: { cookie: shopper.cookie } })).status).toBe(401);
    // The shopper's token placed in the staff cookie is refused too (other key, other kind).
    const forged = `mc_staff=${shopper.cookie.split('=')[1]}`;
    expect((await t.app.request('/api/staff/session', { headers: { cookie: forged } })).status).toBe(401);
    expect((await t.app.request('/api/me/card', { headers: { cookie: staff } })).status).toBe(401);
    expect((await t.app.request('/api/me/card', { headers: { cookie: `mc_session=${staff.split('=')[1]}` } })).status).toBe(401);
  });

  it('shows the audit log to a manager for their own store only, to an admin for all, and never to a clerk', async () => {
    const clerk = await staffSignIn(t.app, 'clerk1');
    await staffPost(t.app, clerk, '/member-lookups', { code: '2900000000025' });
    const clerkTwo = await staffSignIn(t.app, 'clerk2');
    await staffPost(t.app, clerkTwo, '/member-lookups', { code: '2900000000025' });

    expect((await t.app.request('/api/staff/audit', { headers: { cookie: clerk } })).status).toBe(403);
    const manager = await staffSignIn(t.app, 'manager1');
    const own = (await (await t.app.request('/api/staff/audit', { headers: { cookie: manager } })).json()) as { entries: Array<{ storeId: string; action: string; username: string; memberNumber: string | null }> };
    expect(own.entries.length).toBeGreaterThan(0);
    expect(new Set(own.entries.map((e) => e.storeId))).toEqual(new Set(['shibuya']));
    expect(own.entries).toContainEqual(expect.objectContaining({ action: 'member_lookup', username: 'clerk1', memberNumber: '2900000000025' }));

    const admin = await staffSignIn(t.app, 'admin');
    const all = (await (await t.app.request('/api/staff/audit', { headers: { cookie: admin } })).json()) as { entries: Array<{ storeId: string | null; action: string; result: string }> };
    expect(all.entries.some((e) => e.storeId === 'umeda')).toBe(true);
    // Failed logins are there too, with their reason.
    expect(all.entries).toContainEqual(expect.objectContaining({ action: 'login', result: 'refused' }));
    expect(await database.db.$count(staffAuditLog)).toBeGreaterThan(5);
  });

  it('answers bad login bodies with 400 and a message', async () => {
    const response = await t.app.request('/api/staff/session', { method: 'POST', headers: json, body: '{"username":""}' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toBeDefined();
  });
});
