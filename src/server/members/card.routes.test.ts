import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { DatabaseHandle } from '../db/database';
import { members } from '../db/schema/members';
import { seedPersonas } from '../dev/seed-personas';
import { createLoyaltyService } from '../loyalty/loyalty.service';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { hasValidCheckDigit } from '../../contract/member-number';

const json = { 'content-type': 'application/json' };

describe.each(testDatabaseTargets())('ID-first registration and the card on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates the member at the first valid session, with a valid EAN-13 in-store number, and no form', async () => {
    const first = await t.signIn(newLineUserId());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ isNewMember: true, memberNumber: expect.stringMatching(/^29\d{11}$/) });
    expect(hasValidCheckDigit((first.body as { memberNumber: string }).memberNumber)).toBe(true);
  });

  it('returns the same member on the next open', async () => {
    const lineUserId = newLineUserId();
    const first = await t.signIn(lineUserId);
    const second = await t.signIn(lineUserId);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...(first.body as object), isNewMember: false });
  });

  it('makes exactly one member when two first opens arrive at the same moment', async () => {
    const lineUserId = newLineUserId();
    const results = await Promise.all(Array.from({ length: 5 }, () => t.signIn(lineUserId)));
    const numbers = new Set(results.map((r) => (r.body as { memberNumber: string }).memberNumber));
    expect(numbers.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('shows a new member a card with 0 points and the base tier', async () => {
    const { cookie, body } = await t.signIn(newLineUserId(), '新井 はじめ');
    const response = await t.app.request('/api/me/card', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      brandName: 'Member Card',
      face: { background: '#1c1917', text: '#ffffff', badgeBackground: '#fcd34d', badgeText: '#1c1917' },
      logo: null,
      memberNumber: (body as { memberNumber: string }).memberNumber,
      symbology: 'EAN13',
      displayName: '新井 はじめ',
      pointsBalance: 0,
      soonestExpiry: null,
      tier: {
        current: { id: 'REGULAR', name: 'REGULAR', minSpendYen: 0 },
        next: { id: 'REINE', name: 'REINE', minSpendYen: 50_000 },
        spendYen: 0,
        gapYen: 50_000,
        ratio: 0,
      },
      stamps: { count: 0, cardSize: 10 },
      usableCouponCount: 0,
    });
  });

  it('answers the session call with the same card GET /api/me/card gives, so opening the app is one round trip', async () => {
    const { cookie, body } = await t.signIn(newLineUserId(), '一回 だけ');
    const card = await (await t.app.request('/api/me/card', { headers: { cookie } })).json();
    expect((body as { card: unknown }).card).toEqual(card);
  });

  it('keeps a LINE display name without its control characters, so a NUL in a signed ID token cannot fail the sign-in', async () => {
    const { cookie, status } = await t.signIn(newLineUserId(), '新井\u0000 は\u0007じめ\u007f');
    expect(status).toBe(201);
    const card = (await (await t.app.request('/api/me/card', { headers: { cookie } })).json()) as { displayName: string };
    expect(card.displayName).toBe('新井 はじめ');
  });

  it('counts only live lots in the balance, from the ledger tables', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const session = await t.app.request('/api/me/card', { headers: { cookie } });
    const { memberNumber } = (await session.json()) as { memberNumber: string };
    const [member] = await database.db.select().from(members).where(eq(members.memberNumber, memberNumber));
    const now = t.clock.now();
    // 300 pt earned 14 months ago expired at the end of last month; 700 pt earned yesterday are live.
    for (const [key, points, daysAgo] of [['old', 300, 425], ['recent', 700, 1]] as const) {
      const at = new Date(now.getTime() - daysAgo * 86_400_000);
      const loyalty = createLoyaltyService({ db: database.db, program: t.deps.program, clock: () => at });
      expect(await loyalty.grantPoints({ memberId: member!.id, points, kind: 'adjust', idempotencyKey: key, reason: 'test' })).toMatchObject({ ok: true });
    }
    const card = await t.app.request('/api/me/card', { headers: { cookie } });
    expect(((await card.json()) as { pointsBalance: number }).pointsBalance).toBe(700);
  });

  it('shows the seeded persona with points, and seeding twice changes nothing', async () => {
    await seedPersonas(database.db, t.deps.program, personas, t.clock.now());
    await seedPersonas(database.db, t.deps.program, personas, t.clock.now());
    const persona = personas.find((p) => p.id === 'with-points')!;
    const { cookie } = await t.signIn(persona.lineUserId);
    const card = (await (await t.app.request('/api/me/card', { headers: { cookie } })).json()) as Record<string, unknown>;
    expect(card).toMatchObject({ memberNumber: persona.seed!.memberNumber, pointsBalance: 1280 });
  });

  it('refuses the card without a session, with a clear message', async () => {
    const response = await t.app.request('/api/me/card');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'session_required', message: 'Your session has expired. Please log in again.' },
    });
  });

  it('refuses a forged session cookie', async () => {
    const response = await t.app.request('/api/me/card', { headers: { cookie: 'mc_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA' } });
    expect(response.status).toBe(401);
  });

  it.each([
    ['malformed JSON', '{"idToken":', 400],
    ['a missing idToken', '{}', 400],
    ['an idToken of the wrong type', '{"idToken":42}', 400],
    ['a token that is not a JWT', '{"idToken":"hello"}', 401],
  ])('answers %s with a 4xx and a message, creating nothing', async (_case, body, status) => {
    const before = await database.db.$count(members);
    const response = await t.app.request('/api/session', { method: 'POST', headers: json, body });
    expect(response.status).toBe(status);
    const payload = (await response.json()) as { error: { message: string } };
    expect(payload.error.message.length).toBeGreaterThan(5);
    expect(await database.db.$count(members)).toBe(before);
  });

  it('answers an expired ID token with 401 so the SPA logs in again', async () => {
    const idToken = await t.keySet.signIdToken({ lineUserId: newLineUserId() }, { expiresInSeconds: 60 });
    t.clock.advance(10 * 60_000);
    const response = await t.app.request('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ idToken }) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_id_token', message: 'ID token has expired: log in again' } });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await t.app.request('/api/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
