import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { members } from '../db/schema/members';
import { forgedIdTokens, forgedSessionTokens } from '../testing/forged-credentials';
import { fillPath, routeInventory, type RouteRef } from '../testing/route-inventory';
import { seedDemoStaff } from '../staff/seed-staff';
import { staffSignIn } from '../testing/staff-testing';
import { createTestApp, newLineUserId, TEST_CHANNEL_ID, TEST_SESSION_SECRET } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

/**
 * Forged identity against every endpoint: the ID-token matrix at the session door, and forged,
 * expired or borrowed credentials on every shopper endpoint. Nothing may get through, nothing
 * may be created.
 */
describe.each(testDatabaseTargets())('forged identity on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let shopperRoutes: RouteRef[];
  let staffRoutes: RouteRef[];
  let victimMemberId: string;
  let shopperCookie: string;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
    shopperRoutes = routeInventory(t.app).filter((r) => r.path.startsWith('/api/me/'));
    // Every staff endpoint but the login itself and the demo-account list of the login page.
    staffRoutes = routeInventory(t.app).filter(
      (r) => r.path.startsWith('/api/staff/') && !(r.path === '/api/staff/session' && r.method !== 'GET') && r.path !== '/api/staff/demo-accounts',
    );
    const lineUserId = newLineUserId();
    ({ cookie: shopperCookie } = await t.signIn(lineUserId));
    const [member] = await database.db.select({ id: members.id }).from(members).where(sql`${members.lineUserId} = ${lineUserId}`);
    victimMemberId = member!.id;
  });
  afterAll(() => database.close());

  const memberCount = async () => Number((await database.db.select({ n: sql<string>`count(*)` }).from(members))[0]!.n);

  it('finds the shopper endpoints to attack', () => {
    expect(shopperRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/me/card', 'GET /api/me/points']));
    expect(staffRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /api/staff/purchases', 'GET /api/staff/audit']));
  });

  it('refuses every forged ID token at POST /api/session with 401 and a message, and creates no member', async () => {
    const before = await memberCount();
    for (const [name, idToken] of await forgedIdTokens(t.keySet, TEST_CHANNEL_ID, t.clock.now())) {
      const response = await t.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ idToken }),
      });
      expect(response.status, name).toBe(401);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message.length, name).toBeGreaterThan(10);
      expect(response.headers.get('set-cookie'), name).toBeNull();
    }
    expect(await memberCount()).toBe(before);
  });

  it('refuses every shopper endpoint without a session, or with a forged, expired or ID-token credential', async () => {
    const credentials: Array<[string, Record<string, string>]> = [['nothing', {}]];
    for (const [name, token] of await forgedIdTokens(t.keySet, TEST_CHANNEL_ID, t.clock.now())) {
      credentials.push([`ID token (${name}) as bearer`, { authorization: `Bearer ${token}` }]);
    }
    // A *valid* ID token is not a session either: it must go through POST /api/session.
    credentials.push(['valid ID token as bearer', { authorization: `Bearer ${await t.keySet.signIdToken({ lineUserId: newLineUserId() })}` }]);
    for (const [name, token] of await forgedSessionTokens(victimMemberId, t.clock.now(), 3600, TEST_SESSION_SECRET)) {
      credentials.push([`${name} as cookie`, { cookie: `mc_session=${token}` }]);
      credentials.push([`${name} as bearer`, { authorization: `Bearer ${token}` }]);
    }
    for (const route of shopperRoutes) {
      const url = fillPath(route.path, () => '00000000-0000-4000-8000-000000000000');
      for (const [name, headers] of credentials) {
        const response = await t.app.request(url, { method: route.method, headers });
        expect(response.status, `${route.method} ${route.path} with ${name}`).toBe(401);
      }
    }
  });

  it('refuses every staff endpoint without a staff session, or with a shopper session or token in its place', async () => {
    const shopperToken = shopperCookie.split('=')[1]!;
    const credentials: Array<[string, Record<string, string>]> = [
      ['nothing', {}],
      ['a shopper session cookie', { cookie: shopperCookie }],
      ['a shopper session as the staff cookie', { cookie: `mc_staff=${shopperToken}` }],
      ['a shopper session as bearer', { authorization: `Bearer ${shopperToken}` }],
    ];
    for (const [name, token] of await forgedSessionTokens(victimMemberId, t.clock.now(), 3600, TEST_SESSION_SECRET)) {
      credentials.push([`${name} as the staff cookie`, { cookie: `mc_staff=${token}` }]);
    }
    for (const route of staffRoutes) {
      const url = fillPath(route.path, () => 'x');
      for (const [name, headers] of credentials) {
        const response = await t.app.request(url, { method: route.method, headers: { 'content-type': 'application/json', ...headers }, body: route.method === 'GET' ? undefined : '{}' });
        expect([401, 403], `${route.method} ${route.path} with ${name}: ${response.status}`).toContain(response.status);
      }
    }
  });

  it('refuses every shopper endpoint with a staff session', async () => {
    await seedDemoStaff(database.db);
    const staffCookie = await staffSignIn(t.app, 'clerk1');
    const staffToken = staffCookie.split('=')[1]!;
    for (const route of shopperRoutes) {
      const url = fillPath(route.path, () => '00000000-0000-4000-8000-000000000000');
      const attempts: Array<Record<string, string>> = [{ cookie: staffCookie }, { cookie: `mc_session=${staffToken}` }, { authorization: `Bearer ${staffToken}` }];
      for (const headers of attempts) {
        const response = await t.app.request(url, { method: route.method, headers });
        expect(response.status, `${route.method} ${route.path} with ${JSON.stringify(headers).slice(0, 40)}`).toBe(401);
      }
    }
  });
});
