import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { seedDemoStaff } from '../staff/seed-staff';
import { staffSignIn } from '../staff/staff-testing';
import { databaseSnapshot } from '../testing/database-snapshot';
import { fillPath, routeInventory, type RouteRef } from '../testing/route-inventory';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

/**
 * Every endpoint, fuzzed with malformed and hostile requests (property-based, fast-check): only
 * 4xx answers (or 2xx for reads), never a 5xx, the app keeps answering, and nothing in the
 * database changes.
 */

const hostileText = fc.oneof(
  fc.constant('{'),
  fc.constant('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'),
  fc.constant('[]'),
  fc.constant('null'),
  fc.constant('"\\u0000"'),
  fc.constant(`${'['.repeat(5_000)}${']'.repeat(5_000)}`),
  fc.constant(JSON.stringify({ amountYen: -1, points: -100, receiptId: "'; DROP TABLE members; --", idToken: 'x'.repeat(10_000) })),
  fc.constant(JSON.stringify({ amountYen: 1e308, points: Number.MAX_SAFE_INTEGER + 2, personaId: '../../etc/passwd', receiptId: '\u202e' })),
  fc.constant('x'.repeat(200_000)),
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ idToken: v, personaId: v, amountYen: v, receiptId: v, points: v, code: v })),
);

const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', undefined);
const pathParam = fc.oneof(fc.string({ maxLength: 40 }), fc.constant('../../../'), fc.constant('%00'), fc.uuid());

describe.each(testDatabaseTargets())('hostile input on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let routes: RouteRef[];
  let shopperCookie: string;
  let staffCookie: string;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
    // Logout ignores its body by design and ends the session the other requests use.
    routes = routeInventory(t.app).filter((r) => !(r.method === 'DELETE' && r.path.endsWith('/session')));
    ({ cookie: shopperCookie } = await t.signIn(newLineUserId()));
    await seedDemoStaff(database.db);
    staffCookie = await staffSignIn(t.app, 'manager1');
  });
  afterAll(() => database.close());

  // The staff audit log rightly records refused attempts; everything else must stay as it was.
  const UNCHANGED_EXCEPT = /audit/;

  it('answers every endpoint with 2xx/4xx only and changes nothing in the database', async () => {
    const before = await databaseSnapshot(database.db, UNCHANGED_EXCEPT);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(hostileText, contentType, pathParam, fc.constantFrom('none', 'shopper', 'staff'), async (body, type, param, session) => {
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (session !== 'none') headers.cookie = session === 'shopper' ? shopperCookie : staffCookie;
          const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
          const response = await t.app.request(fillPath(route.path, () => param), {
            method: route.method,
            headers,
            body: hasBody ? body : undefined,
          });
          const label = `${route.method} ${route.path} (${type ?? 'no type'}): ${response.status}`;
          expect(response.status, label).toBeLessThan(500);
          if (hasBody && response.status >= 400) {
            // A refusal always says why, in the API's error shape.
            const payload = (await response.json()) as { error?: { code?: string; message?: string } };
            expect(typeof payload.error?.message, label).toBe('string');
          }
        }),
        { numRuns: 30, seed: 20261123 },
      );
    }
    expect(await databaseSnapshot(database.db, UNCHANGED_EXCEPT)).toEqual(before);
    const huge = await t.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect((await t.app.request('/api/health')).status).toBe(200);
  });
});
