import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { StaffMemberView } from '../../contract/staff';
import type { DatabaseHandle } from '../db/database';
import { staffAuditLog } from '../db/schema/staff';
import { seedPersonas } from '../dev/seed-personas';
import { defaultProgramConfig, type ProgramConfig } from '../loyalty/program-config';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { seedDemoStaff } from './seed-staff';
import { staffPost, staffSignIn } from '../testing/staff-testing';

const persona = (id: string) => personas.find((p) => p.id === id)!;
let keyCounter = 0;
const newKey = () => `attempt-${Date.now()}-${++keyCounter}`;

async function setUp(open: () => Promise<DatabaseHandle>, program: ProgramConfig = defaultProgramConfig) {
  const database = await open();
  const t = await createTestApp(database, { program });
  await seedDemoStaff(database.db);
  await seedPersonas(database.db, t.deps.program, personas, t.clock.now());
  const clerk = await staffSignIn(t.app, 'clerk1');
  const shopperCode = async (personaId: string) => {
    const { cookie } = await t.signIn(persona(personaId).lineUserId);
    return ((await (await t.app.request('/api/me/rotating-code', { headers: { cookie } })).json()) as { code: string }).code;
  };
  const lookup = async (code: string) => (await (await staffPost(t.app, clerk, '/member-lookups', { code })).json()) as StaffMemberView;
  return { database, t, clerk, shopperCode, lookup };
}

describe.each(testDatabaseTargets())('register actions on $name', ({ open }) => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(open);
  });
  afterAll(async () => {
    await s.database.close();
  });

  it('records a purchase by the static member number: points and a stamp, once per receipt', async () => {
    const code = persona('with-points').seed!.memberNumber;
    const first = await staffPost(s.t.app, s.clerk, '/purchases', { memberCode: code, receiptId: 'R-1001', amountYen: 5400 }, newKey());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ replayed: false, pointsEarned: 54, stampAwarded: true, pointsBalance: 1334 });
    const again = await staffPost(s.t.app, s.clerk, '/purchases', { memberCode: code, receiptId: 'R-1001', amountYen: 5400 }, newKey());
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ replayed: true, pointsBalance: 1334 });
    const view = await s.lookup(code);
    expect(view).toMatchObject({ pointsBalance: 1334, stamps: { count: 1 } });
  });

  it('refuses the same receipt number for another amount with 409, changing nothing', async () => {
    const code = persona('with-points').seed!.memberNumber;
    const response = await staffPost(s.t.app, s.clerk, '/purchases', { memberCode: code, receiptId: 'R-1001', amountYen: 9999 }, newKey());
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'receipt_conflict' } });
    expect((await s.lookup(code)).pointsBalance).toBe(1334);
  });

  it('answers bad action bodies with 400 and changes nothing', async () => {
    const code = persona('with-points').seed!.memberNumber;
    for (const body of [{ memberCode: code, receiptId: 'R-2', amountYen: -5 }, { memberCode: code, receiptId: '', amountYen: 100 }, { memberCode: code }]) {
      expect((await staffPost(s.t.app, s.clerk, '/purchases', body, newKey())).status).toBe(400);
    }
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 10 })).status).toBe(400);
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 10 }, 'short')).status).toBe(400);
    expect((await s.lookup(code)).pointsBalance).toBe(1334);
  });

  it('refuses spending points with the static number: the rotating code is required', async () => {
    const code = persona('with-points').seed!.memberNumber;
    const response = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 100 }, newKey());
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'rotating_code_required' } });
    expect((await s.lookup(code)).pointsBalance).toBe(1334);
  });

  it('redeems points with the rotating code; a retried attempt is answered again, never spent twice; the same code at another register is a replay', async () => {
    const code = await s.shopperCode('with-points');
    const key = newKey();
    const first = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 300 }, key);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ replayed: false, points: 300, pointsBalance: 1034 });
    const retried = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 300 }, key);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ replayed: true, points: 300, pointsBalance: 1034 });
    const otherRegister = await staffSignIn(s.t.app, 'clerk1');
    const replay = await staffPost(s.t.app, otherRegister, '/point-redemptions', { memberCode: code, points: 300 }, newKey());
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'code_replayed', message: expect.stringMatching(/already used/) } });
    expect((await s.lookup(persona('with-points').seed!.memberNumber)).pointsBalance).toBe(1034);
  });

  it('refuses more points than the balance with 409 and the balance, and gives the code back', async () => {
    s.t.clock.advance(60_000);
    const code = await s.shopperCode('with-points');
    const tooMuch = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 5000 }, newKey());
    expect(tooMuch.status).toBe(409);
    expect(await tooMuch.json()).toMatchObject({ error: { code: 'insufficient_points', message: expect.stringMatching(/1034 pt/) } });
    const fits = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 34 }, newKey());
    expect(fits.status).toBe(201);
  });

  it('refuses an expired rotating code for a spend', async () => {
    const code = await s.shopperCode('with-points');
    s.t.clock.advance(3 * 30_000);
    const response = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 1 }, newKey());
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'code_expired' } });
  });

  it('redeems a coupon picked from the member’s usable coupons once; the second time is refused', async () => {
    const code = await s.shopperCode('birthday-month');
    const view = await s.lookup(code);
    expect(view.usableCoupons.length).toBeGreaterThan(0);
    const coupon = view.usableCoupons[0]!;
    const first = await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { memberCode: code, couponCode: coupon.code }, newKey());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ replayed: false, coupon: { id: coupon.id, status: 'used' } });
    s.t.clock.advance(60_000);
    const next = await s.shopperCode('birthday-month');
    const second = await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { memberCode: next, couponCode: coupon.code }, newKey());
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'coupon_used', message: 'This coupon has already been used.' } });
    const unknown = await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { memberCode: next, couponCode: 'NOPE-123' }, newKey());
    expect(unknown.status).toBe(404);
  });

  it('voids a purchase of this store by receipt, taking back its points; another store cannot', async () => {
    const code = persona('nine-stamps').seed!.memberNumber;
    const before = (await s.lookup(code)).pointsBalance;
    expect((await staffPost(s.t.app, s.clerk, '/purchases', { memberCode: code, receiptId: 'R-VOID', amountYen: 2000 }, newKey())).status).toBe(201);
    const umeda = await staffSignIn(s.t.app, 'clerk2');
    expect((await staffPost(s.t.app, umeda, '/purchase-voids', { receiptId: 'R-VOID' }, newKey())).status).toBe(404);

    // Before voiding, the clerk sees what the void would undo; the preview changes nothing, and another store's clerk sees nothing.
    const preview = async (cookie: string) => s.t.app.request('/api/staff/purchases/R-VOID', { headers: { cookie } });
    expect(await (await preview(s.clerk)).json()).toMatchObject({
      receiptId: 'R-VOID',
      amountYen: 2000,
      pointsEarned: 20,
      storeName: { ja: '渋谷店', en: 'Shibuya' },
      memberNumber: code,
      voidedAt: null,
    });
    expect((await preview(umeda)).status).toBe(404);
    expect((await s.t.app.request('/api/staff/purchases/not%20a%20receipt', { headers: { cookie: s.clerk } })).status).toBe(400);
    expect((await s.lookup(code)).pointsBalance).toBe(before + 20);

    const voided = await staffPost(s.t.app, s.clerk, '/purchase-voids', { receiptId: 'R-VOID' }, newKey());
    expect(voided.status).toBe(201);
    expect(await voided.json()).toMatchObject({ replayed: false, reversedPoints: 20, pointsBalance: before });
    expect((await staffPost(s.t.app, s.clerk, '/purchase-voids', { receiptId: 'R-VOID' }, newKey())).status).toBe(200);
    expect(await (await preview(s.clerk)).json()).toMatchObject({ receiptId: 'R-VOID', voidedAt: expect.any(String) });
  });

  it('audits every action with who, store, member and result, refusals included', async () => {
    const rows = await s.database.db.select().from(staffAuditLog);
    const actions = rows.map((r) => `${r.action}:${r.result}`);
    for (const expected of ['purchase:ok', 'purchase:refused', 'point_redemption:ok', 'point_redemption:refused', 'coupon_redemption:ok', 'coupon_redemption:refused', 'purchase_void:ok', 'purchase_void:refused']) {
      expect(actions).toContain(expected);
    }
    const refusedSpend = rows.find((r) => r.action === 'point_redemption' && r.result === 'refused')!;
    expect(refusedSpend).toMatchObject({ username: 'clerk1', storeId: 'shibuya', memberId: expect.any(String), detail: { code: expect.any(String) } });
  });

  it('requires a staff session for every action', async () => {
    const response = await s.t.app.request('/api/staff/purchases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});

describe.each(testDatabaseTargets())('two clerks at the same moment on $name', ({ open }) => {
  // Static numbers may spend here, so both clerks can act on one member with their own attempts.
  const program: ProgramConfig = {
    ...defaultProgramConfig,
    memberCode: { ...defaultProgramConfig.memberCode, rotating: { ...defaultProgramConfig.memberCode.rotating, requiredFor: { earn: false, spend: false } } },
  };
  let s: Awaited<ReturnType<typeof setUp>>;
  let otherClerk: string;
  beforeAll(async () => {
    s = await setUp(open, program);
    otherClerk = await staffSignIn(s.t.app, 'manager1');
  });
  afterAll(async () => {
    await s.database.close();
  });

  it('redeeming the same coupon together: exactly one succeeds, the other is refused with 409', async () => {
    const code = persona('birthday-month').seed!.memberNumber;
    const coupon = (await s.lookup(code)).usableCoupons[0]!;
    const results = await Promise.all(
      [s.clerk, otherClerk].map((cookie) => staffPost(s.t.app, cookie, '/coupon-redemptions', { memberCode: code, couponCode: coupon.code }, newKey())),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(await refused.json()).toMatchObject({ error: { code: 'coupon_used' } });
  });

  it('redeeming together more points than the balance: exactly one succeeds, the balance never goes negative', async () => {
    const code = persona('with-points').seed!.memberNumber;
    expect((await s.lookup(code)).pointsBalance).toBe(1280);
    const results = await Promise.all(
      [s.clerk, otherClerk, s.clerk].map((cookie) => staffPost(s.t.app, cookie, '/point-redemptions', { memberCode: code, points: 1000 }, newKey())),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await s.lookup(code)).pointsBalance).toBe(280);
  });

  it('the same purchase sent twice at once is recorded once', async () => {
    const code = persona('nine-stamps').seed!.memberNumber;
    const before = (await s.lookup(code)).pointsBalance;
    const body = { memberCode: code, receiptId: 'R-TWICE', amountYen: 3000 };
    const results = await Promise.all([s.clerk, s.clerk].map((cookie) => staffPost(s.t.app, cookie, '/purchases', body, newKey())));
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect((await s.lookup(code)).pointsBalance).toBe(before + 30);
  });
});
