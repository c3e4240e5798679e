import { and, eq } from 'drizzle-orm';
import { generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockGoogleWalletApi, type MockGoogleWalletApi } from '../../../../mocks/google-wallet-api-server';
import type { DatabaseHandle } from '../../db/database';
import { lineOutbox } from '../../db/schema/line';
import { members } from '../../db/schema/members';
import { googleWalletObjects } from '../../db/schema/wallet';
import { createLineClient } from '../../line/line-client';
import { drainOutbox } from '../../line/outbox-worker';
import { defaultProgramConfig } from '../../loyalty/program-config';
import { seedDemoStaff } from '../../staff/seed-staff';
import { json, staffPost, staffSignIn } from '../../testing/staff-testing';
import { createTestApp, newLineUserId } from '../../testing/test-app';
import { testDatabaseTargets } from '../../testing/test-databases';
import { loyaltyClassId } from './google-pass';
import { createGoogleWalletApi } from './google-wallet-api';
import type { GoogleWallet } from './google-wallet-setup';
import { createGoogleWalletDelivery } from './google-wallet.service';

const ISSUER_ID = '3388000000022999999';
const SERVICE_ACCOUNT = 'wallet-test@member-card-test.iam.gserviceaccount.com';
let receiptCounter = 0;
const receipt = () => `GW-${Date.now()}-${++receiptCounter}`;

type SaveJwt = {
  iss: string;
  aud: string;
  typ: string;
  origins: string[];
  payload: {
    loyaltyClasses: Array<Record<string, unknown> & { id: string }>;
    loyaltyObjects: Array<{
      id: string;
      classId: string;
      state: string;
      barcode: { type: string; value: string };
      loyaltyPoints: { balance: { int: number } };
      textModulesData: Array<{ id: string; body: string }>;
    }>;
  };
};

describe.each(testDatabaseTargets())('Google Wallet pass on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let api: MockGoogleWalletApi;
  let publicKey: CryptoKey;
  let googleWallet: GoogleWallet;
  let clerk: string;
  let drain: () => ReturnType<typeof drainOutbox>;

  beforeAll(async () => {
    database = await open();
    const keys = await generateKeyPair('RS256');
    publicKey = keys.publicKey;
    // The mock checks the assertion's signature with the service account's public key, as Google does.
    api = await startMockGoogleWalletApi({ serviceAccountEmail: SERVICE_ACCOUNT, publicKey });
    const account = { email: SERVICE_ACCOUNT, privateKey: keys.privateKey };
    googleWallet = {
      issuerId: ISSUER_ID,
      account,
      classId: loyaltyClassId(ISSUER_ID, defaultProgramConfig),
      logoUri: 'https://example.jp/logo.png',
      // Tokens are stamped with real time (the mock checks expiry against its own clock).
      api: createGoogleWalletApi({ apiBaseUrl: api.url, tokenUrl: api.tokenUrl, account, clock: () => new Date() }),
    };
    t = await createTestApp(database, { googleWallet });
    const deliver = createGoogleWalletDelivery({ db: database.db, program: t.deps.program, clock: t.clock.now, loyalty: t.deps.loyalty, googleWallet });
    // LINE's own kinds never run here; the LINE client is only what the runner's signature asks for.
    const line = createLineClient({ apiBaseUrl: 'http://127.0.0.1:9', channelAccessToken: 'unused', timeoutMs: 500 });
    drain = () => drainOutbox({ db: database.db, line, clock: t.clock.now, deliveries: { google_wallet_patch: deliver } });
    await seedDemoStaff(database.db);
    clerk = await staffSignIn(t.app, 'clerk1');
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });
  beforeEach(async () => {
    api.calls.length = 0;
    api.failNext(0, 500);
    await database.db.update(lineOutbox).set({ status: 'skipped' }).where(eq(lineOutbox.status, 'pending'));
  });

  async function shopper() {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    return { cookie, memberId: member!.id, memberNumber: member!.memberNumber };
  }
  const saveLink = (cookie: string) => t.app.request('/api/me/wallet/google', { headers: { cookie } });
  const purchase = (memberNumber: string, amountYen: number) => staffPost(t.app, clerk, '/purchases', { memberCode: memberNumber, receiptId: receipt(), amountYen });
  const patchesOf = (objectId: string) => api.calls.filter((c) => c.method === 'PATCH' && c.path === `/walletobjects/v1/loyaltyObject/${encodeURIComponent(objectId)}`);
  async function objectIdOf(memberId: string) {
    const [row] = await database.db.select().from(googleWalletObjects).where(eq(googleWalletObjects.memberId, memberId));
    return row!.objectId;
  }
  async function saveJwt(cookie: string) {
    const response = await saveLink(cookie);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(url.startsWith('https://pay.google.com/gp/v/save/')).toBe(true);
    const { payload, protectedHeader } = await jwtVerify<SaveJwt>(url.slice('https://pay.google.com/gp/v/save/'.length), publicKey, { issuer: SERVICE_ACCOUNT, audience: 'google' });
    expect(protectedHeader.alg).toBe('RS256');
    return payload;
  }

  it('the save link is a JWT signed by the service account carrying the member object: number as CODE 128, points, tier, and the class with store locations', async () => {
    const s = await shopper();
    expect((await purchase(s.memberNumber, 5_400)).status).toBe(201);
    const jwt = await saveJwt(s.cookie);
    expect(jwt.typ).toBe('savetowallet');
    expect(jwt.origins).toEqual(['http://localhost']);
    const [object] = jwt.payload.loyaltyObjects;
    expect(object).toMatchObject({ classId: googleWallet.classId, state: 'ACTIVE', barcode: { type: 'CODE_128', value: s.memberNumber } });
    expect(s.memberNumber).toMatch(/^\d{13}$/);
    expect(object!.id).toBe(await objectIdOf(s.memberId));
    expect(object!.id.startsWith(`${ISSUER_ID}.`)).toBe(true);
    expect(object!.id).not.toContain(s.memberId);
    expect(object!.loyaltyPoints.balance.int).toBe(54);
    expect(object!.textModulesData.find((m) => m.id === 'tier')?.body).toBe('REGULAR');
    expect(object!.textModulesData.find((m) => m.id === 'expiry')?.body).toMatch(/^54 pt: \d{4}年\d{1,2}月\d{1,2}日まで$/);
    expect(object!.textModulesData.find((m) => m.id === 'earn-only')?.body).toContain('ためる');
    const [cls] = jwt.payload.loyaltyClasses;
    expect(cls).toMatchObject({ id: googleWallet.classId, hexBackgroundColor: defaultProgramConfig.brand.face.background, programLogo: { sourceUri: { uri: 'https://example.jp/logo.png' } } });
    expect((cls!.locations as unknown[]).length).toBe(defaultProgramConfig.stores.filter((st) => st.location).length);

    // Asking again keeps the same object.
    const again = await saveJwt(s.cookie);
    expect(again.payload.loyaltyObjects[0]!.id).toBe(object!.id);
  });

  it('a purchase through the clerk API queues a PATCH that reaches the Wallet API with the new balance, without a notification', async () => {
    const s = await shopper();
    await saveJwt(s.cookie);
    const objectId = await objectIdOf(s.memberId);
    const response = await purchase(s.memberNumber, 3_000);
    expect(response.status).toBe(201);
    const { pointsBalance } = (await response.json()) as { pointsBalance: number };

    expect(await drain()).toMatchObject({ sent: 1, failed: 0 });
    const [patch] = patchesOf(objectId);
    // The object was never saved at Google: the PATCH finds none (404) and the object is created with the same figures.
    expect(patch!.body).toMatchObject({ loyaltyPoints: { balance: { int: pointsBalance } } });
    expect(patch!.body).not.toHaveProperty('notifyPreference');
    expect(api.objects.get(objectId)).toMatchObject({ classId: googleWallet.classId, barcode: { value: s.memberNumber }, loyaltyPoints: { balance: { int: pointsBalance } } });
    expect(api.classes.has(googleWallet.classId)).toBe(true);

    // The next purchase PATCHes the existing object.
    api.calls.length = 0;
    const next = (await (await purchase(s.memberNumber, 2_000)).json()) as { pointsBalance: number };
    await drain();
    expect(patchesOf(objectId).map((c) => c.body)).toEqual([expect.objectContaining({ loyaltyPoints: expect.objectContaining({ balance: { int: next.pointsBalance } }) })]);
    expect(api.objects.get(objectId)).toMatchObject({ loyaltyPoints: { balance: { int: next.pointsBalance } } });
  });

  it('a tier change asks Google to notify; the balance-only change after it does not', async () => {
    const s = await shopper();
    await saveJwt(s.cookie);
    const objectId = await objectIdOf(s.memberId);
    expect((await purchase(s.memberNumber, 60_000)).status).toBe(201);
    await drain();
    const [tierPatch] = patchesOf(objectId);
    expect(tierPatch!.body).toMatchObject({ notifyPreference: 'NOTIFY_ON_UPDATE' });
    expect((tierPatch!.body as { textModulesData: Array<{ id: string; body: string }> }).textModulesData.find((m) => m.id === 'tier')?.body).toBe('REINE');

    api.calls.length = 0;
    expect((await purchase(s.memberNumber, 1_000)).status).toBe(201);
    await drain();
    const [balancePatch] = patchesOf(objectId);
    expect(balancePatch!.body).not.toHaveProperty('notifyPreference');
  });

  it('a tier lost overnight only because spend left the window: the daily job PATCHes the lower tier, with a notification', async () => {
    const started = t.clock.now();
    try {
      t.clock.set('2025-11-20T03:00:00Z');
      const s = await shopper();
      await saveJwt(s.cookie);
      const objectId = await objectIdOf(s.memberId);
      expect((await purchase(s.memberNumber, 60_000)).status).toBe(201);
      await drain();
      api.calls.length = 0;
      // 21 Nov 2026 03:00 JST: the window starts on 21 Nov 2025, the purchase has left it; no card change today.
      t.clock.set('2026-11-20T18:00:00Z');
      expect(await t.deps.loyalty.runDailyJob()).toMatchObject({ tierDrops: 1 });
      await drain();
      const [dropPatch] = patchesOf(objectId);
      expect(dropPatch!.body).toMatchObject({ notifyPreference: 'NOTIFY_ON_UPDATE' });
      expect((dropPatch!.body as { textModulesData: Array<{ id: string; body: string }> }).textModulesData.find((m) => m.id === 'tier')?.body).toBe('REGULAR');
    } finally {
      t.clock.set(started);
    }
  });

  it('changes made before the runner picks up the update make one PATCH, with the latest balance', async () => {
    const s = await shopper();
    await saveJwt(s.cookie);
    const objectId = await objectIdOf(s.memberId);
    await purchase(s.memberNumber, 1_000);
    const last = (await (await purchase(s.memberNumber, 2_000)).json()) as { pointsBalance: number };
    const queued = await database.db.select().from(lineOutbox).where(and(eq(lineOutbox.memberId, s.memberId), eq(lineOutbox.status, 'pending')));
    expect(queued).toHaveLength(1);
    await drain();
    expect(patchesOf(objectId).map((c) => (c.body as { loyaltyPoints: { balance: { int: number } } }).loyaltyPoints.balance.int)).toEqual([last.pointsBalance]);
  });

  it('members without a Google Wallet object queue nothing', async () => {
    const s = await shopper();
    expect((await purchase(s.memberNumber, 2_000)).status).toBe(201);
    const queued = await database.db.select().from(lineOutbox).where(and(eq(lineOutbox.memberId, s.memberId), eq(lineOutbox.kind, 'google_wallet_patch')));
    expect(queued).toEqual([]);
  });

  it('429 and 5xx answers are retried through the outbox until the PATCH lands', async () => {
    const s = await shopper();
    await saveJwt(s.cookie);
    const objectId = await objectIdOf(s.memberId);
    await purchase(s.memberNumber, 1_500);
    api.failNext(1, 503);
    expect(await drain()).toMatchObject({ sent: 0, retried: 1 });
    api.failNext(1, 429);
    t.clock.advance(10 * 60_000);
    expect(await drain()).toMatchObject({ sent: 0, retried: 1 });
    t.clock.advance(10 * 60_000);
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(api.objects.get(objectId)).toBeDefined();
  });

  it('withdrawal sets the object INACTIVE through the outbox and the link is no longer served', async () => {
    const s = await shopper();
    await saveJwt(s.cookie);
    const objectId = await objectIdOf(s.memberId);
    await purchase(s.memberNumber, 1_000);
    await drain();
    expect(api.objects.get(objectId)).toMatchObject({ state: 'ACTIVE' });

    const withdrawn = await t.app.request('/api/me/account', { method: 'DELETE', headers: { ...json, cookie: s.cookie }, body: JSON.stringify({ confirm: 'withdraw' }) });
    expect(withdrawn.status).toBeLessThan(300);
    const [row] = await database.db.select().from(googleWalletObjects).where(eq(googleWalletObjects.memberId, s.memberId));
    expect(row!.state).toBe('INACTIVE');
    await drain();
    expect(patchesOf(objectId).at(-1)!.body).toEqual({ state: 'INACTIVE' });
    expect(api.objects.get(objectId)).toMatchObject({ state: 'INACTIVE' });
    expect((await saveLink(s.cookie)).status).toBe(401);
  });

  it('refuses without a session, and says which wallets are offered', async () => {
    expect((await t.app.request('/api/me/wallet/google')).status).toBe(401);
    expect((await t.app.request('/api/me/wallets')).status).toBe(401);
    const s = await shopper();
    const offered = await t.app.request('/api/me/wallets', { headers: { cookie: s.cookie } });
    expect(await offered.json()).toEqual({ apple: true, google: true });
    expect((await t.app.request('/api/me/wallet/google', { method: 'POST', headers: { cookie: s.cookie } })).status).toBe(404);
  });

  it('without an issuer the link is refused and no wallet is offered', async () => {
    const bare = await createTestApp(database, { appleWallet: null });
    const lineUserId = newLineUserId();
    const { cookie } = await bare.signIn(lineUserId);
    const response = await bare.app.request('/api/me/wallet/google', { headers: { cookie } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'wallet_not_offered' } });
    expect(await (await bare.app.request('/api/me/wallets', { headers: { cookie } })).json()).toEqual({ apple: false, google: false });
  });
});
