import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { DatabaseHandle } from '../db/database';
import { members } from '../db/schema/members';
import { seedPersonas } from '../dev/seed-personas';
import { defaultProgramConfig } from '../loyalty/program-config';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { seedDemoStaff } from './seed-staff';
import { staffPost, staffSignIn } from '../testing/staff-testing';

const withPoints = personas.find((p) => p.id === 'with-points')!;
const toFullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe.each(testDatabaseTargets())('member lookup by static number or rotating code on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let clerk: string;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, t.deps.program, personas, t.clock.now());
    clerk = await staffSignIn(t.app, 'clerk1');
  });
  afterAll(async () => {
    await database.close();
  });

  async function shopperRotatingCode() {
    const { cookie } = await t.signIn(withPoints.lineUserId);
    const response = await t.app.request('/api/me/rotating-code', { headers: { cookie } });
    expect(response.status).toBe(200);
    return (await response.json()) as { code: string; symbology: string; expiresAt: string; periodSeconds: number };
  }

  it('finds the member by the static member number, which may earn but not spend by default', async () => {
    const response = await staffPost(t.app, clerk, '/member-lookups', { code: withPoints.seed!.memberNumber });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      memberNumber: withPoints.seed!.memberNumber,
      displayName: '山田 花子',
      codeKind: 'static',
      allows: { earn: true, spend: false },
      pointsBalance: 1280,
    });
  });

  it('normalises full-width digits from a Japanese IME and stray spaces', async () => {
    const response = await staffPost(t.app, clerk, '/member-lookups', { code: ` ${toFullWidth(withPoints.seed!.memberNumber)}\u3000` });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { memberNumber: string }).memberNumber).toBe(withPoints.seed!.memberNumber);
  });

  it('resolves the shopper’s rotating code to the same member, allowed to spend', async () => {
    const rotating = await shopperRotatingCode();
    expect(rotating.code).toMatch(new RegExp(`^${withPoints.seed!.memberNumber}\\d{7}$`));
    expect(rotating.symbology).toBe('CODE128');
    const response = await staffPost(t.app, clerk, '/member-lookups', { code: rotating.code });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ codeKind: 'rotating', allows: { earn: true, spend: true }, memberNumber: withPoints.seed!.memberNumber });
  });

  it('refuses an expired rotating code with a clear message', async () => {
    const rotating = await shopperRotatingCode();
    t.clock.advance((defaultProgramConfig.memberCode.rotating.graceSteps + 1) * 30_000 + 1);
    const response = await staffPost(t.app, clerk, '/member-lookups', { code: rotating.code });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'code_expired', message: expect.stringMatching(/expired/) } });
  });

  it('refuses a forged rotating code and an unknown number as not found, and letters as invalid', async () => {
    const rotating = await shopperRotatingCode();
    const forged = rotating.code.slice(0, 13) + (rotating.code.endsWith('0000000') ? '0000001' : '0000000');
    expect((await staffPost(t.app, clerk, '/member-lookups', { code: forged })).status).toBe(404);
    expect((await staffPost(t.app, clerk, '/member-lookups', { code: '2999999999996' })).status).toBe(404);
    expect((await staffPost(t.app, clerk, '/member-lookups', { code: 'hello' })).status).toBe(400);
    expect((await staffPost(t.app, clerk, '/member-lookups', {})).status).toBe(400);
  });

  it('gives every member an own 256-bit-hex secret from creation on, so reading a code never writes', async () => {
    const secrets = (await database.db.select({ secret: members.codeSecret }).from(members)).map((r) => r.secret);
    expect(secrets.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('requires a staff session', async () => {
    const response = await t.app.request('/api/staff/member-lookups', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: withPoints.seed!.memberNumber }),
    });
    expect(response.status).toBe(401);
  });
});

describe.each(testDatabaseTargets())('rotating code switched off on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await open();
    const program = { ...defaultProgramConfig, memberCode: { ...defaultProgramConfig.memberCode, rotating: { ...defaultProgramConfig.memberCode.rotating, enabled: false } } };
    t = await createTestApp(database, { program });
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, t.deps.program, personas, t.clock.now());
  });
  afterAll(async () => {
    await database.close();
  });

  it('has no rotating code for the shopper, and the static number may spend', async () => {
    const { cookie } = await t.signIn(withPoints.lineUserId);
    expect((await t.app.request('/api/me/rotating-code', { headers: { cookie } })).status).toBe(404);
    const clerk = await staffSignIn(t.app, 'clerk1');
    const view = await (await staffPost(t.app, clerk, '/member-lookups', { code: withPoints.seed!.memberNumber })).json();
    expect(view).toMatchObject({ allows: { earn: true, spend: true } });
  });
});
