import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { StaffMemberView } from '../../contract/staff';
import type { DatabaseHandle } from '../db/database';
import { seedPersonas } from '../dev/seed-personas';
import { defaultProgramConfig, type ProgramConfig } from '../loyalty/program-config';
import { seedDemoStaff } from '../staff/seed-staff';
import { staffPost, staffSignIn } from '../testing/staff-testing';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

/**
 * Many registers at the same moment, through the clerk API: of N simultaneous redemptions exactly
 * the ones the balance (or the single-use coupon) allows succeed, every other one gets a 409 with
 * a reason, and nothing goes negative. (The static number may spend here, so every request reaches
 * the ledger instead of stopping at the rotating-code replay check.)
 */
const program: ProgramConfig = {
  ...defaultProgramConfig,
  memberCode: { ...defaultProgramConfig.memberCode, rotating: { ...defaultProgramConfig.memberCode.rotating, requiredFor: { earn: false, spend: false } } },
};
const persona = (id: string) => personas.find((p) => p.id === id)!;
const REGISTERS = 24;

describe.each(testDatabaseTargets())('simultaneous registers on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let clerks: string[];

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { program });
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, program, personas, t.clock.now());
    clerks = [await staffSignIn(t.app, 'clerk1'), await staffSignIn(t.app, 'manager1')];
  });
  afterAll(() => database.close());

  const lookup = async (code: string) => (await (await staffPost(t.app, clerks[0]!, '/member-lookups', { code })).json()) as StaffMemberView;

  it(`${REGISTERS} redemptions of 100 pt against 1,280 pt: exactly 12 succeed and 80 pt remain`, async () => {
    const code = persona('with-points').seed!.memberNumber;
    expect((await lookup(code)).pointsBalance).toBe(1_280);
    const results = await Promise.all(
      Array.from({ length: REGISTERS }, (_, i) => staffPost(t.app, clerks[i % 2]!, '/point-redemptions', { memberCode: code, points: 100 }, `concurrent-spend-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s === 409)).toHaveLength(REGISTERS - 12);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(await refused.json()).toMatchObject({ error: { code: 'insufficient_points' } });
    }
    expect((await lookup(code)).pointsBalance).toBe(80);
  });

  it(`${REGISTERS} redemptions of one birthday coupon: exactly one succeeds`, async () => {
    const code = persona('birthday-month').seed!.memberNumber;
    const coupon = (await lookup(code)).usableCoupons[0]!;
    const results = await Promise.all(
      Array.from({ length: REGISTERS }, (_, i) =>
        staffPost(t.app, clerks[i % 2]!, '/coupon-redemptions', { memberCode: code, couponCode: coupon.code }, `concurrent-coupon-${i}`),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(REGISTERS - 1);
    expect((await lookup(code)).usableCoupons).toHaveLength(0);
  });
});
