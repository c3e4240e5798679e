import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { StaffMemberView } from '../../contract/staff';
import type { DatabaseHandle } from '../db/database';
import { coupons } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { checkoutAuthorisations, staffAuditLog, staffIdempotencyKeys } from '../db/schema/staff';
import { seedPersonas } from '../dev/seed-personas';
import { defaultProgramConfig, type ProgramConfig } from '../loyalty/program-config';
import { createTestApp, createTestClock } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { seedDemoStaff } from './seed-staff';
import { staffPost, staffSignIn } from '../testing/staff-testing';

const shopper = personas.find((p) => p.id === 'with-points')!;
const TEST_START = '2026-11-23T03:00:00Z';
let counter = 0;
const newKey = () => `checkout-${Date.now()}-${++counter}`;

async function register(database: DatabaseHandle, program: ProgramConfig) {
  const t = await createTestApp(database, { program, clock: createTestClock(TEST_START) });
  const clerk = await staffSignIn(t.app, 'clerk1');
  const { cookie } = await t.signIn(shopper.lineUserId);
  const [member] = await database.db.select().from(members).where(eq(members.lineUserId, shopper.lineUserId));
  const shopperCode = async () => ((await (await t.app.request('/api/me/rotating-code', { headers: { cookie } })).json()) as { code: string }).code;
  const view = async () => (await (await staffPost(t.app, clerk, '/member-lookups', { code: shopper.seed!.memberNumber })).json()) as StaffMemberView;
  /** A fresh usable coupon for the shopper, so tests do not share one. */
  const giveCoupon = async () => {
    const code = `CHK-${++counter}`;
    const now = t.clock.now();
    await database.db.insert(coupons).values({
      memberId: member!.id,
      kind: 'welcome',
      issueKey: code,
      title: 'テスト特典',
      discount: { kind: 'yen', yen: 500 },
      code,
      validFrom: now,
      validUntil: new Date(now.getTime() + 30 * 86_400_000),
      issuedAt: now,
    });
    return code;
  };
  return { t, clerk, shopperCode, view, giveCoupon };
}

describe.each(testDatabaseTargets())('idempotency keys and checkout authorisations on $name', ({ open }) => {
  let database: DatabaseHandle;
  let s: Awaited<ReturnType<typeof register>>;
  beforeAll(async () => {
    database = await open();
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, defaultProgramConfig, personas, new Date(TEST_START));
    s = await register(database, defaultProgramConfig);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(() => {
    // Each test scans a code of its own time step, well past the previous one's grace.
    s.t.clock.advance(5 * 60_000);
  });

  it('a key used for a points spend is refused for a coupon with 422, and nothing changes', async () => {
    const couponCode = await s.giveCoupon();
    const code = await s.shopperCode();
    const before = (await s.view()).pointsBalance;
    const key = newKey();
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 100 }, key)).status).toBe(201);

    const coupon = await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { memberCode: code, couponCode }, key);
    expect(coupon.status).toBe(422);
    expect(await coupon.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    const after = await s.view();
    expect(after.pointsBalance).toBe(before - 100);
    expect(after.usableCoupons.map((c) => c.code)).toContain(couponCode);
  });

  it('a key replayed with another body is refused with 422; the same body is answered again as a replay', async () => {
    const code = await s.shopperCode();
    const before = (await s.view()).pointsBalance;
    const key = newKey();
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 20 }, key)).status).toBe(201);
    const more = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 100 }, key);
    expect(more.status).toBe(422);
    expect(await more.json()).toMatchObject({ error: { code: 'idempotency_key_reused', message: expect.stringMatching(/different request/) } });
    const same = await staffPost(s.t.app, s.clerk, '/point-redemptions', { points: 20, memberCode: code }, key);
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ replayed: true, points: 20, pointsBalance: before - 20 });
    expect((await s.view()).pointsBalance).toBe(before - 20);
  });

  it('a refused spend gives its key back: the corrected request may use it', async () => {
    const code = await s.shopperCode();
    const key = newKey();
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 900_000 }, key)).status).toBe(409);
    expect(await database.db.$count(staffIdempotencyKeys, eq(staffIdempotencyKeys.key, key))).toBe(0);
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 50 }, key)).status).toBe(201);
  });

  /** The clerk scans the shopper's current code: the lookup opens the checkout and answers with it. */
  async function scan(clerk: string, code?: string) {
    const response = await staffPost(s.t.app, clerk, '/member-lookups', { code: code ?? (await s.shopperCode()) });
    expect(response.status).toBe(200);
    const view = (await response.json()) as StaffMemberView;
    expect(view.checkout).not.toBeNull();
    return view.checkout!.id;
  }
  const auditOf = (checkoutId: string) =>
    database.db.select().from(staffAuditLog).where(sql`${staffAuditLog.detail} ->> 'checkoutId' = ${checkoutId}`).orderBy(staffAuditLog.id);

  it('one scan pays every spend of the checkout: points, a coupon and points again, long after the code itself expired', async () => {
    const couponCode = await s.giveCoupon();
    const before = (await s.view()).pointsBalance;
    const checkout = await scan(s.clerk);
    s.t.clock.advance(90_000); // the scanned code has expired (30 s period, one grace step); the checkout has not
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { checkout, points: 100 }, newKey())).status).toBe(201);
    expect((await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { checkout, couponCode }, newKey())).status).toBe(201);
    const more = await staffPost(s.t.app, s.clerk, '/point-redemptions', { checkout, points: 50 }, newKey());
    expect(more.status).toBe(201);
    expect(await more.json()).toEqual({ replayed: false, points: 50, pointsBalance: before - 150 });

    const refreshed = await staffPost(s.t.app, s.clerk, '/member-lookups', { checkout });
    expect(refreshed.status).toBe(200);
    const view = (await refreshed.json()) as StaffMemberView;
    expect(view).toMatchObject({ pointsBalance: before - 150, codeKind: 'rotating', allows: { spend: true }, checkout: { id: checkout } });
    expect(view.usableCoupons.map((c) => c.code)).not.toContain(couponCode);
    const audit = await auditOf(checkout);
    expect(audit.map((e) => [e.action, e.result, e.username])).toEqual([
      ['member_lookup', 'ok', 'clerk1'],
      ['point_redemption', 'ok', 'clerk1'],
      ['coupon_redemption', 'ok', 'clerk1'],
      ['point_redemption', 'ok', 'clerk1'],
      ['member_lookup', 'ok', 'clerk1'],
    ]);
    expect(audit[0]!.detail).toMatchObject({ codeKind: 'rotating', checkout: 'opened' });
  });

  it('the checkout of one staff session is refused for any other: the same account on another register, another clerk, a manager', async () => {
    const couponCode = await s.giveCoupon();
    const before = (await s.view()).pointsBalance;
    const checkout = await scan(s.clerk);
    for (const username of ['clerk1', 'clerk2', 'manager1']) {
      const other = await staffSignIn(s.t.app, username);
      const points = await staffPost(s.t.app, other, '/point-redemptions', { checkout, points: 10 }, newKey());
      expect(points.status, username).toBe(403);
      expect(await points.json()).toMatchObject({ error: { code: 'checkout_not_authorised' } });
      expect((await staffPost(s.t.app, other, '/coupon-redemptions', { checkout, couponCode }, newKey())).status, username).toBe(403);
      expect((await staffPost(s.t.app, other, '/member-lookups', { checkout })).status, username).toBe(403);
      expect((await staffPost(s.t.app, other, '/checkout-ends', { checkout })).status, username).toBe(403);
    }
    const after = await s.view();
    expect(after.pointsBalance).toBe(before);
    expect(after.usableCoupons.map((c) => c.code)).toContain(couponCode);
    // Every refused attempt is audited with its code; only the opening scan is recorded under the checkout.
    expect((await auditOf(checkout)).length).toBe(1);
    const refused = await database.db.select().from(staffAuditLog).where(sql`${staffAuditLog.detail} ->> 'code' = 'checkout_not_authorised'`);
    expect(refused.length).toBeGreaterThanOrEqual(12);
    // The session that scanned it still may.
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { checkout, points: 10 }, newKey())).status).toBe(201);
  });

  it('a checkout stops at its expiry, at 「次のお客様」 and at logout; a new scan opens a new one', async () => {
    const before = (await s.view()).pointsBalance;
    const expiring = await scan(s.clerk);
    s.t.clock.advance(defaultProgramConfig.memberCode.rotating.checkoutSeconds * 1000);
    const expired = await staffPost(s.t.app, s.clerk, '/point-redemptions', { checkout: expiring, points: 10 }, newKey());
    expect(expired.status).toBe(409);
    expect(await expired.json()).toMatchObject({ error: { code: 'checkout_ended', message: expect.stringMatching(/current code/) } });

    const next = await scan(s.clerk);
    expect(next).not.toBe(expiring);
    const end = await staffPost(s.t.app, s.clerk, '/checkout-ends', { checkout: next });
    expect(end.status).toBe(204);
    expect((await staffPost(s.t.app, s.clerk, '/checkout-ends', { checkout: next })).status).toBe(204); // twice is fine
    const ended = await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { checkout: next, couponCode: await s.giveCoupon() }, newKey());
    expect(ended.status).toBe(409);
    expect(await ended.json()).toMatchObject({ error: { code: 'checkout_ended' } });

    const register = await staffSignIn(s.t.app, 'clerk2');
    s.t.clock.advance(60_000);
    const beforeLogout = await scan(register);
    expect((await s.t.app.request('/api/staff/session', { method: 'DELETE', headers: { cookie: register } })).status).toBe(204);
    const [row] = await database.db.select().from(checkoutAuthorisations).where(eq(checkoutAuthorisations.id, beforeLogout));
    expect(row!.endedAt).not.toBeNull();
    const again = await staffSignIn(s.t.app, 'clerk2');
    expect((await staffPost(s.t.app, again, '/point-redemptions', { checkout: beforeLogout, points: 10 }, newKey())).status).toBe(403);
    expect((await s.view()).pointsBalance).toBe(before);
  });

  it('the code stays single-use: another register replaying it gets nothing, not even the member; the same register scanning it again gets its checkout back until it ends', async () => {
    const code = await s.shopperCode();
    const checkout = await scan(s.clerk, code);
    const thief = await staffSignIn(s.t.app, 'clerk1');
    for (const [path, body] of [
      ['/member-lookups', { code }],
      ['/point-redemptions', { memberCode: code, points: 10 }],
      ['/coupon-redemptions', { memberCode: code, couponCode: await s.giveCoupon() }],
    ] as const) {
      const replay = await staffPost(s.t.app, thief, path, body, newKey());
      expect(replay.status, path).toBe(409);
      const answer = (await replay.json()) as Record<string, unknown>;
      expect(answer, path).toMatchObject({ error: { code: 'code_replayed', message: expect.stringMatching(/another payment/) } });
      expect(JSON.stringify(answer)).not.toContain('pointsBalance');
    }
    expect(await scan(s.clerk, code)).toBe(checkout); // a second beep at the same register
    expect((await staffPost(s.t.app, s.clerk, '/checkout-ends', { checkout })).status).toBe(204);
    const afterEnd = await staffPost(s.t.app, s.clerk, '/member-lookups', { code });
    expect(afterEnd.status).toBe(409);
    expect(await afterEnd.json()).toMatchObject({ error: { code: 'code_replayed', message: expect.stringMatching(/has ended/) } });
  });

  it('two registers scanning the same code at once: exactly one opens the checkout', async () => {
    const code = await s.shopperCode();
    const registers = await Promise.all(['clerk1', 'clerk2', 'manager1'].map((u) => staffSignIn(s.t.app, u)));
    const answers = await Promise.all(registers.map((r) => staffPost(s.t.app, r, '/member-lookups', { code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('bad checkout references are clear 400s: both a code and a checkout, neither, or not an id', async () => {
    const checkout = await scan(s.clerk);
    for (const body of [{ checkout, memberCode: await s.shopperCode(), points: 1 }, { points: 1 }, { checkout: 'not-an-id', points: 1 }]) {
      const response = await staffPost(s.t.app, s.clerk, '/point-redemptions', body, newKey());
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await staffPost(s.t.app, s.clerk, '/member-lookups', { checkout: 'not-an-id' })).status).toBe(400);
  });

  it('a checkout opened by spending with the code directly (no lookup) is the same checkout: the same register may spend again with it', async () => {
    const slowCodes: ProgramConfig = {
      ...defaultProgramConfig,
      memberCode: { ...defaultProgramConfig.memberCode, rotating: { ...defaultProgramConfig.memberCode.rotating, periodSeconds: 60, graceSteps: 2, checkoutSeconds: 60 } },
    };
    const slow = await register(database, slowCodes);
    const couponCode = await slow.giveCoupon();
    const code = await slow.shopperCode();
    expect((await staffPost(slow.t.app, slow.clerk, '/point-redemptions', { memberCode: code, points: 10 }, newKey())).status).toBe(201);
    expect((await staffPost(slow.t.app, slow.clerk, '/point-redemptions', { memberCode: code, points: 10 }, newKey())).status).toBe(201);
    slow.t.clock.advance(90_000); // the code is still within its grace steps; the checkout is over
    const later = await staffPost(slow.t.app, slow.clerk, '/coupon-redemptions', { memberCode: code, couponCode }, newKey());
    expect(later.status).toBe(409);
    expect(await later.json()).toMatchObject({ error: { code: 'code_replayed', message: expect.stringMatching(/has ended/) } });
    expect((await slow.view()).usableCoupons.map((c) => c.code)).toContain(couponCode);
    const fresh = await staffPost(slow.t.app, slow.clerk, '/coupon-redemptions', { memberCode: await slow.shopperCode(), couponCode }, newKey());
    expect(fresh.status).toBe(201);
  });
});
