import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { StaffMemberView } from '../../contract/staff';
import type { DatabaseHandle } from '../db/database';
import { coupons } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { staffIdempotencyKeys } from '../db/schema/staff';
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

describe.each(testDatabaseTargets())('idempotency keys and rotating-code checkouts on $name', ({ open }) => {
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

  it('one code pays one checkout: the same clerk adds a coupon to the points; a second points spend or another register is refused', async () => {
    const couponCode = await s.giveCoupon();
    const code = await s.shopperCode();
    const before = (await s.view()).pointsBalance;
    expect((await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 100 }, newKey())).status).toBe(201);
    expect((await staffPost(s.t.app, s.clerk, '/coupon-redemptions', { memberCode: code, couponCode }, newKey())).status).toBe(201);

    const secondPoints = await staffPost(s.t.app, s.clerk, '/point-redemptions', { memberCode: code, points: 10 }, newKey());
    expect(secondPoints.status).toBe(409);
    expect(await secondPoints.json()).toMatchObject({ error: { code: 'code_replayed', message: expect.stringMatching(/with points in this checkout/) } });
    const otherCoupon = await s.giveCoupon();
    for (const username of ['manager1', 'clerk2']) {
      const other = await staffSignIn(s.t.app, username);
      const response = await staffPost(s.t.app, other, '/coupon-redemptions', { memberCode: code, couponCode: otherCoupon }, newKey());
      expect(response.status, username).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: 'code_replayed', message: expect.stringMatching(/another payment/) } });
    }
    const after = await s.view();
    expect(after.pointsBalance).toBe(before - 100);
    expect(after.usableCoupons.map((c) => c.code)).toContain(otherCoupon);
  });

  it('a later, unrelated action needs a fresh code: once the checkout has ended, the still-valid code is refused', async () => {
    const slowCodes: ProgramConfig = {
      ...defaultProgramConfig,
      memberCode: { ...defaultProgramConfig.memberCode, rotating: { ...defaultProgramConfig.memberCode.rotating, periodSeconds: 60, graceSteps: 2, checkoutSeconds: 60 } },
    };
    const slow = await register(database, slowCodes);
    const couponCode = await slow.giveCoupon();
    const code = await slow.shopperCode();
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
