import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyList, StaffMemberView } from '../../contract/staff';
import type { DatabaseHandle } from '../db/database';
import { purchases } from '../db/schema/loyalty';
import { staffAccounts, staffAuditLog } from '../db/schema/staff';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { hashPassword } from './password';
import { DEMO_STAFF, seedDemoStaff } from './seed-staff';
import { LOGIN_LIMITS } from './login-limits';
import { createStaffAccount, findStaffByUsername } from './staff.repository';
import { json, staffPost, staffSignIn } from '../testing/staff-testing';

/**
 * The insider attack: a clerk records a huge fake purchase for an accomplice, who spends the points
 * at another store. The programme's register controls refuse it, or make a manager co-sign it.
 */

const PASSWORD = DEMO_STAFF.password;
let receiptCounter = 0;
const receipt = () => `RC-${++receiptCounter}`;

async function setUp(open: () => Promise<DatabaseHandle>) {
  const database = await open();
  const t = await createTestApp(database);
  await seedDemoStaff(database.db);
  // A manager at another store, who must not approve for shibuya.
  await createStaffAccount(database.db, { username: 'manager2', displayName: 'manager2', storeId: 'umeda', role: 'manager', passwordHash: await hashPassword(PASSWORD) });
  const clerk = await staffSignIn(t.app, 'clerk1');

  /** A fresh member; returns the static member number the register scans. */
  const newMember = async () => {
    const { cookie } = await t.signIn(newLineUserId());
    return ((await (await t.app.request('/api/me/card', { headers: { cookie } })).json()) as { memberNumber: string }).memberNumber;
  };
  const purchase = (cookie: string, memberCode: string, amountYen: number, approval?: { username: string; password: string }, receiptId = receipt()) =>
    staffPost(t.app, cookie, '/purchases', { memberCode, receiptId, amountYen, ...(approval ? { approval } : {}) });
  const balance = async (memberCode: string) =>
    ((await (await staffPost(t.app, clerk, '/member-lookups', { code: memberCode })).json()) as StaffMemberView).pointsBalance;
  const purchaseCount = async () => (await database.db.select({ id: purchases.id }).from(purchases)).length;
  const failedLogins = async (username: string) => (await findStaffByUsername(database.db, username))!.failedLogins;
  return { database, t, clerk, newMember, purchase, balance, purchaseCount, failedLogins };
}

describe.each(testDatabaseTargets())('register controls on $name', ({ open }) => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(open);
  });
  afterAll(async () => {
    await s.database.close();
  });

  it('refuses the ¥10,000,000 purchase, even co-signed by a manager, and writes nothing', async () => {
    const member = await s.newMember();
    const before = await s.purchaseCount();
    for (const approval of [undefined, { username: 'manager1', password: PASSWORD }]) {
      const response = await s.purchase(s.clerk, member, 10_000_000, approval);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'amount_above_limit', message: expect.stringContaining('¥300,000') } });
    }
    expect(await s.purchaseCount()).toBe(before);
    expect(await s.balance(member)).toBe(0);
  });

  it('refuses a purchase above the approval threshold without approval, or with the clerk’s own, a wrong, a clerk’s or another store’s credential', async () => {
    const member = await s.newMember();
    const receiptId = receipt();
    const before = await s.purchaseCount();
    const attempts: Array<[{ username: string; password: string } | undefined, number, string]> = [
      [undefined, 403, 'approval_required'],
      [{ username: 'clerk1', password: PASSWORD }, 403, 'approval_self'],
      [{ username: 'manager1', password: 'not-the-password' }, 403, 'approval_invalid'],
      [{ username: 'nobody', password: PASSWORD }, 403, 'approval_invalid'],
      [{ username: 'clerk2', password: PASSWORD }, 403, 'approval_not_allowed'],
      [{ username: 'manager2', password: PASSWORD }, 403, 'approval_not_allowed'],
    ];
    for (const [approval, status, code] of attempts) {
      const response = await s.purchase(s.clerk, member, 150_000, approval, receiptId);
      expect(response.status, code).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    expect(await s.purchaseCount()).toBe(before);
    expect(await s.balance(member)).toBe(0);
    // The wrong password counted toward manager1's login lockout.
    expect(await s.failedLogins('manager1')).toBe(1);
  });

  it('accepts it co-signed by a manager of the store, audited with both staff ids', async () => {
    const member = await s.newMember();
    const receiptId = receipt();
    const response = await s.purchase(s.clerk, member, 150_000, { username: 'Manager1 ', password: PASSWORD }, receiptId);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ amountYen: 150_000, pointsEarned: 1_500 });
    const [clerk, manager] = await Promise.all([findStaffByUsername(s.database.db, 'clerk1'), findStaffByUsername(s.database.db, 'manager1')]);
    const entries = await s.database.db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'purchase'));
    const entry = entries.find((e) => e.detail.receiptId === receiptId && e.result === 'ok');
    expect(entry).toMatchObject({ staffId: clerk!.id, detail: { approvedBy: manager!.id, approver: 'manager1' } });
    // A retry of the same receipt is the same purchase: no approval needed to read the answer back.
    const retry = await s.purchase(s.clerk, member, 150_000, undefined, receiptId);
    expect(retry.status).toBe(200);
  });

  it('a manager at the register cannot approve their own purchase', async () => {
    const manager = await staffSignIn(s.t.app, 'manager1');
    const response = await s.purchase(manager, await s.newMember(), 150_000, { username: 'manager1', password: PASSWORD });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'approval_self' } });
  });

  it('wrong approval passwords lock the manager out of logging in', async () => {
    const db = s.database.db;
    await createStaffAccount(db, { username: 'manager3', displayName: 'manager3', storeId: 'shibuya', role: 'manager', passwordHash: await hashPassword(PASSWORD) });
    const member = await s.newMember();
    for (let i = 0; i < LOGIN_LIMITS.maxFailures; i++) {
      expect((await s.purchase(s.clerk, member, 150_000, { username: 'manager3', password: `guess-${i}` })).status).toBe(403);
    }
    const locked = await s.purchase(s.clerk, member, 150_000, { username: 'manager3', password: PASSWORD });
    expect(locked.status).toBe(423);
    const login = await s.t.app.request('/api/staff/session', { method: 'POST', headers: json, body: JSON.stringify({ username: 'manager3', password: PASSWORD }) });
    // The login answers a locked account exactly as a wrong password (telling them apart lists staff ids).
    expect(login.status).toBe(401);
    await db.update(staffAccounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(staffAccounts.username, 'manager3'));
  });

  it('refuses a member’s purchase past the daily count, at any store, until the next JST day', async () => {
    const member = await s.newMember();
    const umeda = await staffSignIn(s.t.app, 'clerk2');
    for (let i = 0; i < 10; i++) expect((await s.purchase(i % 2 ? umeda : s.clerk, member, 1_000)).status).toBe(201);
    const before = await s.purchaseCount();
    const eleventh = await s.purchase(s.clerk, member, 1_000);
    expect(eleventh.status).toBe(422);
    expect(await eleventh.json()).toMatchObject({ error: { code: 'member_daily_purchases' } });
    expect(await s.purchaseCount()).toBe(before);
    const clockBefore = s.t.clock.now();
    // 03:00Z is 12:00 JST; 15:00Z is midnight JST.
    s.t.clock.set('2026-11-23T15:00:00Z');
    try {
      expect((await s.purchase(await staffSignIn(s.t.app, 'clerk1'), member, 1_000)).status).toBe(201);
    } finally {
      s.t.clock.set(clockBefore);
    }
  });

  it('refuses a member’s purchase past the daily points', async () => {
    const member = await s.newMember();
    const approval = { username: 'manager1', password: PASSWORD };
    const first = await s.purchase(s.clerk, member, 300_000, approval);
    expect(await first.json()).toMatchObject({ pointsEarned: 3_000 });
    // Now REINE (3 pt per ¥100): another ¥300,000 would earn 9,000 pt, 12,000 pt in the day.
    const second = await s.purchase(s.clerk, member, 300_000, approval);
    expect(second.status).toBe(422);
    expect(await second.json()).toMatchObject({ error: { code: 'member_daily_points' } });
    expect((await s.purchase(s.clerk, member, 10_000)).status).toBe(201);
    expect(await s.balance(member)).toBe(3_300);
  });

  it('lists the day’s anomalies for managers of the store, and not for clerks or other stores', async () => {
    // Clerk voids three purchases; a member buys five times; one purchase is near the limit.
    const busy = await s.newMember();
    const voided = [];
    for (let i = 0; i < 5; i++) {
      const receiptId = receipt();
      expect((await s.purchase(s.clerk, busy, 500, undefined, receiptId)).status).toBe(201);
      voided.push(receiptId);
    }
    for (const receiptId of voided.slice(0, 3)) expect((await staffPost(s.t.app, s.clerk, '/purchase-voids', { receiptId })).status).toBe(201);
    // A retried void is no second void.
    expect((await staffPost(s.t.app, s.clerk, '/purchase-voids', { receiptId: voided[0] })).status).toBe(200);
    const big = await s.newMember();
    expect((await s.purchase(s.clerk, big, 280_000, { username: 'manager1', password: PASSWORD }, 'NEAR-1')).status).toBe(201);

    const manager = await staffSignIn(s.t.app, 'manager1');
    const response = await s.t.app.request('/api/staff/anomalies', { headers: { cookie: manager } });
    expect(response.status).toBe(200);
    const list = (await response.json()) as AnomalyList;
    expect(list).toMatchObject({ day: '2026-11-23', storeId: 'shibuya' });
    expect(list.anomalies).toContainEqual({ kind: 'many_voids', username: 'clerk1', count: 3, threshold: 3 });
    expect(list.anomalies).toContainEqual({ kind: 'many_purchases', memberNumber: busy, count: 5, amountYen: 2_500, threshold: 5 });
    expect(list.anomalies).toContainEqual(expect.objectContaining({ kind: 'near_limit', memberNumber: big, receiptId: 'NEAR-1', amountYen: 280_000 }));

    expect((await s.t.app.request('/api/staff/anomalies', { headers: { cookie: s.clerk } })).status).toBe(403);
    const other = await staffSignIn(s.t.app, 'manager2');
    const otherList = (await (await s.t.app.request('/api/staff/anomalies', { headers: { cookie: other } })).json()) as AnomalyList;
    expect(otherList.storeId).toBe('umeda');
    expect(JSON.stringify(otherList.anomalies)).not.toMatch(new RegExp(`${busy}|${big}|clerk1`));
    const yesterday = (await (await s.t.app.request('/api/staff/anomalies?day=2026-11-22', { headers: { cookie: manager } })).json()) as AnomalyList;
    expect(yesterday.anomalies).toEqual([]);
    expect((await s.t.app.request('/api/staff/anomalies?day=2026-02-30', { headers: { cookie: manager } })).status).toBe(400);
  });
});
