import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { seedDemoStaff } from '../staff/seed-staff';
import { staffSignIn } from '../testing/staff-testing';
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

/**
 * A valid body for every endpoint that reads one, so a control character in any single string
 * field is the only thing wrong with the request. A new endpoint with a body must be added here
 * (the inventory test below fails until it is).
 */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/session': { idToken: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' },
  'POST /api/me/line-friendship': { friend: true },
  'PUT /api/me/message-preferences': { purchaseReceipts: false },
  'PUT /api/me/profile': {
    familyName: '山田',
    givenName: '太郎',
    familyKana: 'ヤマダ',
    givenKana: 'タロウ',
    birthday: '1990-04-12',
    phone: '090-1234-5678',
    email: 'taro@example.jp',
    postalCode: '1500001',
    prefecture: '東京都',
    city: '渋谷区',
    street: '1-1-1',
    building: '',
    marketingConsent: true,
    termsAccepted: true,
  },
  'POST /api/me/link': { memberNumber: '2900000000001', factor: { kind: 'birthday', birthday: '1990-04-12' } },
  'DELETE /api/me/account': { confirm: 'withdraw' },
  'POST /api/staff/session': { username: 'manager1', password: 'demo-1234' },
  'POST /api/staff/member-lookups': { code: '2900000000001' },
  'POST /api/staff/purchases': { memberCode: '2900000000001', receiptId: 'R-1', amountYen: 1000 },
  'POST /api/staff/point-redemptions': { memberCode: '2900000000001', points: 10 },
  'POST /api/staff/coupon-redemptions': { memberCode: '2900000000001', couponCode: '123456789012' },
  'POST /api/staff/purchase-voids': { receiptId: 'R-1' },
  'POST /api/staff/checkout-ends': { checkout: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
  'POST /dev/id-token': { personaId: 'new-member' },
  'POST /dev/purchases': { personaId: 'new-member', amountYen: 1000, receiptId: 'R-1' },
  // Apple's PassKit web service (Apple's devices call it): the body is checked before the pass's token.
  'POST /wallet/apple/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber': { pushToken: 'ab'.repeat(32) },
  'POST /wallet/apple/v1/log': { logs: ['Web service error for pass.dev.membercard: 500'] },
  'POST /api/admin/campaigns': { kind: 'link_bonus', name: '入会キャンペーン', bonusPoints: 300, startsOn: '2026-12-01', endsOn: '2026-12-31' },
  'POST /api/admin/segments': { name: '誕生月 4', filter: { purchasedAtStore: 'shibuya', tiers: ['REGULAR'] } },
  'POST /api/admin/segments/count': { filter: { pointsExpiringBefore: '2026-03-31' } },
  'PUT /api/admin/segments/:id': { name: '誕生月 4', filter: { purchasedAtStore: 'shibuya' } },
  'POST /api/admin/sends': {
    segmentId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    variants: [{ key: 'A', message: { kind: 'card', title: '{name}さん', body: '失効のお知らせ' } }],
    holdoutPercent: 10,
    reportDays: 7,
    scheduledAt: '2030-01-01T00:00:00Z',
  },
  'POST /api/admin/sends/preview': { segmentId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', message: { kind: 'text', text: 'お知らせ' }, memberNumber: '2900000000001' },
};
/** Endpoints that read no body (logout, unlink, a Wallet link, a Wallet device leaving, ending a campaign, segment delete, send cancel / send-now), and the signed webhook, whose malformed events webhook.routes.test.ts covers. */
const NO_CONTRACT_BODY = new Set([
  'DELETE /api/session',
  'DELETE /api/me/link',
  'DELETE /api/staff/session',
  'POST /api/line/webhook',
  'POST /api/me/wallet/apple/link',
  'POST /api/admin/campaigns/:id/end',
  'DELETE /wallet/apple/v1/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber',
  'DELETE /api/admin/segments/:id',
  'POST /api/admin/sends/:id/cancel',
  'POST /api/admin/sends/:id/send-now',
]);

/** NUL, BEL, newline, escape, DEL, a C1 control, a lone surrogate. */
const CONTROL_CHARACTERS = ['\u0000', '\u0007', '\n', '\u001b', '\u007f', '\u0085', '\ud800'];

/** Every string in a body, as a dotted path and a copy of the body with `replace` applied to it. */
function stringLeaves(value: unknown, path: string[] = []): Array<{ path: string; with: (s: string) => unknown }> {
  if (typeof value === 'string') return [{ path: path.join('.'), with: (s) => s }];
  if (value === null || typeof value !== 'object') return [];
  // Arrays stay arrays (segment tiers, send variants): the copy replaces one element.
  const copyWith = (key: string, child: unknown) => (Array.isArray(value) ? value.map((v, i) => (String(i) === key ? child : (v as unknown))) : { ...value, [key]: child });
  return Object.entries(value).flatMap(([key, child]) =>
    stringLeaves(child, [...path, key]).map((leaf) => ({ path: leaf.path, with: (s: string) => copyWith(key, leaf.with(s)) })),
  );
}

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

  // The staff audit log rightly records refused attempts, and the shopper's first GET of the Apple
  // Wallet pass rightly creates the member's pass (serial and token); everything else must stay as it was.
  const UNCHANGED_EXCEPT = /audit|^apple_wallet_passes$/;

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

  it('knows a valid body for every endpoint that reads one', () => {
    const withBody = routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.path}`);
    expect(withBody.filter((key) => !(key in VALID_BODIES) && !NO_CONTRACT_BODY.has(key))).toEqual([]);
    // The fields a NUL once took to a 500 (PostgreSQL 22021) are among those below.
    expect(stringLeaves(VALID_BODIES['POST /api/staff/session']).map((l) => l.path)).toContain('username');
    expect(stringLeaves(VALID_BODIES['PUT /api/me/profile']).map((l) => l.path)).toContain('familyName');
    expect(stringLeaves(VALID_BODIES['POST /api/staff/coupon-redemptions']).map((l) => l.path)).toContain('couponCode');
  });

  it('refuses a control character in any string field of any body with a 400 naming the field, and changes nothing', async () => {
    const adminCookie = await staffSignIn(t.app, 'admin');
    const before = await databaseSnapshot(database.db, UNCHANGED_EXCEPT);
    const refusals: string[] = [];
    for (const [key, body] of Object.entries(VALID_BODIES)) {
      const [method, path] = key.split(' ') as [string, string];
      const cookie = path.startsWith('/api/staff') ? staffCookie : path.startsWith('/api/admin') ? adminCookie : shopperCookie;
      for (const leaf of stringLeaves(body)) {
        for (const control of CONTROL_CHARACTERS) {
          const original = leaf.path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], body) as string;
          const hostile = leaf.with(`${original.slice(0, 3)}${control}${original.slice(3)}`);
          const response = await t.app.request(path, {
            method,
            headers: { 'content-type': 'application/json', cookie, 'idempotency-key': 'hostile-input-0001' },
            body: JSON.stringify(hostile),
          });
          const label = `${key} ${leaf.path} ${JSON.stringify(control)}: ${response.status}`;
          expect(response.status, label).toBe(400);
          const payload = (await response.json()) as { error: { fields?: Record<string, string> } };
          expect(payload.error.fields?.[leaf.path], label).toBeTypeOf('string');
          refusals.push(label);
        }
      }
    }
    expect(refusals.length).toBeGreaterThan(100);

    // Query strings: the dashboard's dates go through the contract too.
    for (const control of ['%00', '%0A', '%7F', '%C2%85']) {
      const response = await t.app.request(`/api/admin/funnel?from=2026-11-01${control}&to=2026-11-30`, { headers: { cookie: adminCookie } });
      expect(response.status, control).toBe(400);
    }
    expect(await databaseSnapshot(database.db, UNCHANGED_EXCEPT)).toEqual(before);
  });
});
