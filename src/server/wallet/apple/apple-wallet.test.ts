import { createPublicKey } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockApns, type MockApns } from '../../../../mocks/apns-server';
import { personas } from '../../../../mocks/personas';
import type { DatabaseHandle } from '../../db/database';
import { appleWalletPasses, appleWalletRegistrations } from '../../db/schema/apple-wallet';
import { lineOutbox } from '../../db/schema/line';
import { seedPersonas } from '../../dev/seed-personas';
import { runJobTick } from '../../jobs/jobs';
import type { LineClient } from '../../line/line-client';
import { defaultProgramConfig } from '../../loyalty/program-config';
import { findMemberByCode } from '../../members/member-code';
import { seedDemoStaff } from '../../staff/seed-staff';
import { testAppleWalletCredentials } from '../../testing/apple-wallet-testing';
import { code128RoundTrip, sha1, unzipStored, verifyManifestSignature } from '../../testing/pkpass-testing';
import { json, staffPost, staffSignIn } from '../../testing/staff-testing';
import { createTestApp, TEST_PUBLIC_BASE_URL, TEST_SESSION_SECRET } from '../../testing/test-app';
import { testDatabaseTargets } from '../../testing/test-databases';
import { appleWalletDeliveries } from './apple-wallet-deliveries';
import { developmentAppleWallet } from './apple-wallet-setup';

const credentials = testAppleWalletCredentials();
const shopper = personas.find((p) => p.id === 'at-the-register')!;
const leaver = personas.find((p) => p.id === 'leaving-member')!;
const quietLine: LineClient = { push: async () => undefined, setRichMenu: async () => undefined, multicast: async () => undefined };
const DEVICE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const PUSH_TOKEN = 'ab'.repeat(32);
let receiptCounter = 0;
const receipt = () => `APPLE-${Date.now()}-${++receiptCounter}`;

type PassJson = {
  serialNumber: string;
  authenticationToken: string;
  webServiceURL: string;
  passTypeIdentifier: string;
  voided?: boolean;
  barcodes?: Array<{ format: string; message: string; messageEncoding: string }>;
  locations?: Array<{ latitude: number; longitude: number }>;
  storeCard: Record<string, Array<{ key: string; value: string | number; label?: string }>>;
};
const passJsonOf = (file: Buffer) => JSON.parse(unzipStored(file).get('pass.json')!.toString('utf8')) as PassJson;
const field = (pass: PassJson, key: string) => Object.values(pass.storeCard).flat().find((f) => f.key === key)?.value;

describe.each(testDatabaseTargets())('Apple Wallet on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let apns: MockApns;
  let clerk: string;
  let cookie: string;
  let pass: PassJson;

  beforeAll(async () => {
    database = await open();
    apns = await startMockApns({
      credentials: () => ({ teamId: credentials.teamId, keyId: credentials.apns.keyId, publicKey: createPublicKey(credentials.apns.key) }),
      now: () => t.clock.now(),
    });
    const appleWallet = developmentAppleWallet(credentials, { publicBaseUrl: TEST_PUBLIC_BASE_URL, apnsBaseUrl: apns.url, sessionSecret: TEST_SESSION_SECRET });
    t = await createTestApp(database, { appleWallet });
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, defaultProgramConfig, personas, t.clock.now());
    clerk = await staffSignIn(t.app, 'clerk1');
    cookie = (await t.signIn(shopper.lineUserId)).cookie;
    // The day's job and the personas' queued LINE messages first: each test's tick then drains only what it caused.
    while ((await tick()).outbox.sent > 0);
  });
  afterAll(async () => {
    await apns.close();
    await database.close();
  });

  const tick = () =>
    runJobTick({
      db: database.db,
      loyalty: t.deps.loyalty,
      program: t.deps.program,
      clock: t.clock.now,
      line: quietLine,
      richMenus: {},
      deliveries: appleWalletDeliveries(database.db, t.deps.appleWallet ?? null, t.clock.now),
    });
  const service = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `ApplePass ${init.token}`);
    return t.app.request(`/wallet/apple${path}`, { ...init, headers });
  };
  const registration = (device = DEVICE) => `/v1/devices/${device}/registrations/${pass.passTypeIdentifier}/${pass.serialNumber}`;
  const fetchPass = (ifModifiedSince?: string) =>
    service(`/v1/passes/${pass.passTypeIdentifier}/${pass.serialNumber}`, { token: pass.authenticationToken, headers: ifModifiedSince ? { 'If-Modified-Since': ifModifiedSince } : {} });

  it('GET /api/me/wallet/apple serves a signed storeCard .pkpass: it unzips, the manifest hashes match, the signature verifies against the development CA', async () => {
    const response = await t.app.request('/api/me/wallet/apple', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const file = Buffer.from(await response.arrayBuffer());
    const files = unzipStored(file);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['pass.json', 'manifest.json', 'signature', 'icon.png', 'icon@2x.png', 'logo.png', 'ja.lproj/pass.strings', 'en.lproj/pass.strings']));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, string>;
    const signed = [...files.keys()].filter((name) => name !== 'manifest.json' && name !== 'signature');
    expect(Object.keys(manifest).sort()).toEqual(signed.sort());
    for (const name of signed) expect(manifest[name], name).toBe(sha1(files.get(name)!));
    const verified = verifyManifestSignature(files.get('manifest.json')!, files.get('signature')!, credentials.caCert);
    expect(verified.forge).toBe(true);
    // A manifest changed after signing no longer verifies.
    expect(() => verifyManifestSignature(Buffer.concat([files.get('manifest.json')!, Buffer.from(' ')]), files.get('signature')!, credentials.caCert)).toThrow();

    pass = passJsonOf(file);
    expect(pass).toMatchObject({ passTypeIdentifier: credentials.passTypeId, webServiceURL: `${TEST_PUBLIC_BASE_URL}/wallet/apple`, formatVersion: 1, teamIdentifier: credentials.teamId });
    expect(pass.authenticationToken.length).toBeGreaterThanOrEqual(16);
    expect(field(pass, 'points')).toBe('300 pt');
    expect(field(pass, 'tier')).toBe('REGULAR');
    expect(String(field(pass, 'expiry'))).toMatch(/^300 pt · \d{4}\/\d{2}\/\d{2}$/);
    expect(pass.locations!.length).toBe(defaultProgramConfig.stores.filter((s) => s.location).length);
    const strings = files.get('ja.lproj/pass.strings')!.toString('utf8');
    expect(strings).toContain('"points_label" = "ポイント残高";');
    expect(strings).toContain('"earn_only_label"');
    expect(files.get('en.lproj/pass.strings')!.toString('utf8')).toContain('"points_label" = "Points";');
    // A second download is the same pass (same serial and token), not a second one.
    const again = passJsonOf(Buffer.from(await (await t.app.request('/api/me/wallet/apple', { headers: { cookie } })).arrayBuffer()));
    expect(again.serialNumber).toBe(pass.serialNumber);
    expect(again.authenticationToken).toBe(pass.authenticationToken);
    expect((await t.app.request('/api/me/wallet/apple')).status).toBe(401);
  });

  it('the barcode is CODE128 of the member number: ZXing decodes it, and the clerk console resolves what it reads to the member', async () => {
    const [barcode] = pass.barcodes!;
    expect(barcode).toMatchObject({ format: 'PKBarcodeFormatCode128', message: shopper.seed!.memberNumber, messageEncoding: 'iso-8859-1' });
    const decoded = await code128RoundTrip(barcode!.message);
    expect(decoded).toEqual([shopper.seed!.memberNumber]);
    const resolved = await findMemberByCode(database.db, defaultProgramConfig, decoded[0]!, t.clock.now());
    expect(resolved).toMatchObject({ ok: true, kind: 'static', member: { memberNumber: shopper.seed!.memberNumber } });
  });

  it('POST /api/me/wallet/apple/link gives a five-minute download link that works without the session, and not after', async () => {
    const response = await t.app.request('/api/me/wallet/apple/link', { method: 'POST', headers: { cookie } });
    expect(response.status).toBe(201);
    const { url, expiresAt } = (await response.json()) as { url: string; expiresAt: string };
    expect(url.startsWith(`${TEST_PUBLIC_BASE_URL}/wallet/apple/download/`)).toBe(true);
    expect(new Date(expiresAt).getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
    const path = url.slice(TEST_PUBLIC_BASE_URL.length);
    const download = await t.app.request(path);
    expect(download.status).toBe(200);
    expect(passJsonOf(Buffer.from(await download.arrayBuffer())).serialNumber).toBe(pass.serialNumber);
    expect((await t.app.request(`${path.slice(0, -3)}abc`)).status).toBe(401);
    t.clock.advance(5 * 60_000 + 1_000);
    const late = await t.app.request(path);
    expect(late.status).toBe(401);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('link_expired');
  });

  it('the PassKit web service answers Apple’s status codes: 401 without the pass’s token, 201 then 200 to register, 204/200 to list, 200/304 to fetch', async () => {
    const body = JSON.stringify({ pushToken: PUSH_TOKEN });
    expect((await service(registration(), { method: 'POST', headers: json, body })).status).toBe(401);
    expect((await service(registration(), { method: 'POST', headers: json, body, token: 'x'.repeat(32) })).status).toBe(401);
    expect((await service(`/v1/devices/${DEVICE}/registrations/${pass.passTypeIdentifier}`)).status).toBe(204);
    expect(await database.db.$count(appleWalletRegistrations)).toBe(0);

    expect((await service(registration(), { method: 'POST', headers: json, body, token: pass.authenticationToken })).status).toBe(201);
    expect((await service(registration(), { method: 'POST', headers: json, body, token: pass.authenticationToken })).status).toBe(200);

    const listed = await service(`/v1/devices/${DEVICE}/registrations/${pass.passTypeIdentifier}`);
    expect(listed.status).toBe(200);
    const { serialNumbers, lastUpdated } = (await listed.json()) as { serialNumbers: string[]; lastUpdated: string };
    expect(serialNumbers).toEqual([pass.serialNumber]);
    expect((await service(`/v1/devices/${DEVICE}/registrations/${pass.passTypeIdentifier}?passesUpdatedSince=${lastUpdated}`)).status).toBe(204);
    expect((await service(`/v1/devices/${DEVICE}/registrations/pass.other.type`)).status).toBe(204);

    const fetched = await fetchPass();
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    const lastModified = fetched.headers.get('last-modified')!;
    expect(lastModified).toMatch(/GMT$/);
    expect((await fetchPass(lastModified)).status).toBe(304);
    expect((await service(`/v1/passes/${pass.passTypeIdentifier}/${pass.serialNumber}`, { token: 'y'.repeat(32) })).status).toBe(401);
    expect((await service(`/v1/passes/${pass.passTypeIdentifier}/${pass.serialNumber}`)).status).toBe(401);

    expect((await service('/v1/log', { method: 'POST', headers: json, body: JSON.stringify({ logs: ['Web service error for pass.dev.membercard: 500'] }) })).status).toBe(200);

    // Another device registers and unregisters: 200 on delete, 401 without the token.
    const other = 'ffeeddccbbaa99887766554433221100';
    expect((await service(registration(other), { method: 'POST', headers: json, body, token: pass.authenticationToken })).status).toBe(201);
    expect((await service(registration(other), { method: 'DELETE' })).status).toBe(401);
    expect((await service(registration(other), { method: 'DELETE', token: pass.authenticationToken })).status).toBe(200);
    expect(await database.db.$count(appleWalletRegistrations)).toBe(1);
  });

  it('refuses malformed path parameters and bodies with 400 and changes nothing', async () => {
    const before = await database.db.select().from(appleWalletRegistrations);
    const bad: Array<[string, RequestInit]> = [
      [registration().replace(DEVICE, 'not a device!'), { method: 'POST', headers: json, body: JSON.stringify({ pushToken: PUSH_TOKEN }) }],
      [registration().replace(pass.passTypeIdentifier, 'com.example'), { method: 'POST', headers: json, body: JSON.stringify({ pushToken: PUSH_TOKEN }) }],
      [registration(), { method: 'POST', headers: json, body: JSON.stringify({ pushToken: 'not hex' }) }],
      [registration(), { method: 'POST', headers: json, body: JSON.stringify({}) }],
      [registration(), { method: 'POST', headers: json, body: '{' }],
      [`/v1/devices/${DEVICE}/registrations/${pass.passTypeIdentifier}?passesUpdatedSince=yesterday`, {}],
      ['/v1/log', { method: 'POST', headers: json, body: JSON.stringify({ logs: 'one' }) }],
    ];
    for (const [path, init] of bad) {
      const response = await service(path, { ...init, token: pass.authenticationToken });
      expect(response.status, path).toBe(400);
    }
    expect(await database.db.select().from(appleWalletRegistrations)).toEqual(before);
  });

  it('a purchase at the register pushes the registered device through the outbox after one job tick, and the served pass shows the new balance', async () => {
    const lastModified = (await fetchPass()).headers.get('last-modified')!;
    const purchase = await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId: receipt(), amountYen: 5_400 });
    expect(purchase.status).toBe(201);
    const { pointsBalance } = (await purchase.json()) as { pointsBalance: number };
    expect(pointsBalance).toBe(354);
    const queued = await database.db.select().from(lineOutbox).where(eq(lineOutbox.kind, 'apns_pass_update'));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ status: 'pending', lineUserId: null, payload: { serialNumber: pass.serialNumber } });

    const pushesBefore = apns.pushes.length;
    const report = await tick();
    expect(report.outbox.sent).toBeGreaterThanOrEqual(1);
    expect(apns.pushes.slice(pushesBefore)).toEqual([expect.objectContaining({ deviceToken: PUSH_TOKEN, topic: credentials.passTypeId, payload: '{}' })]);

    // The device asks what changed, then fetches it.
    const listed = (await (await service(`/v1/devices/${DEVICE}/registrations/${pass.passTypeIdentifier}`)).json()) as { serialNumbers: string[] };
    expect(listed.serialNumbers).toEqual([pass.serialNumber]);
    const fetched = await fetchPass(lastModified);
    expect(fetched.status).toBe(200);
    expect(new Date(fetched.headers.get('last-modified')!).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
    expect(field(passJsonOf(Buffer.from(await fetched.arrayBuffer())), 'points')).toBe('354 pt');
  });

  it('a point redemption and a voided purchase each queue one update of the pass as well', async () => {
    const [row] = await database.db.select().from(appleWalletPasses).where(eq(appleWalletPasses.serialNumber, pass.serialNumber));
    const memberId = row!.memberId;
    const queued = () => database.db.$count(lineOutbox, eq(lineOutbox.kind, 'apns_pass_update'));
    const before = await queued();
    expect(await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 4, idempotencyKey: 'apple-wallet-redeem-1' })).toMatchObject({ ok: true, pointsBalance: 350 });
    expect(await queued()).toBe(before + 1);
    const receiptId = receipt();
    expect((await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId, amountYen: 2_000 })).status).toBe(201);
    expect(await t.deps.loyalty.voidPurchase({ storeId: 'shibuya', receiptId })).toMatchObject({ ok: true });
    expect(await queued()).toBe(before + 3);
    // A replayed redemption changes nothing and queues nothing.
    await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 4, idempotencyKey: 'apple-wallet-redeem-1' });
    expect(await queued()).toBe(before + 3);
    const pushesBefore = apns.pushes.length;
    await tick();
    expect(apns.pushes.length).toBe(pushesBefore + 3);
    expect(field(passJsonOf(Buffer.from(await (await fetchPass()).arrayBuffer())), 'points')).toBe('350 pt');
  });

  it('a retryable APNs answer (500) is retried by the outbox; 410 Unregistered drops the device’s registration', async () => {
    apns.answerNext(1, 500, 'InternalServerError');
    await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId: receipt(), amountYen: 1_000 });
    expect((await tick()).outbox.retried).toBe(1);
    t.clock.advance(10 * 60_000);
    const pushesBefore = apns.pushes.length;
    expect((await tick()).outbox.sent).toBeGreaterThanOrEqual(1);
    expect(apns.pushes.length).toBe(pushesBefore + 1);

    apns.unregister(PUSH_TOKEN);
    await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId: receipt(), amountYen: 1_000 });
    await tick();
    expect(await database.db.$count(appleWalletRegistrations, eq(appleWalletRegistrations.serialNumber, pass.serialNumber))).toBe(0);
    // With no device left, a change queues nothing.
    await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId: receipt(), amountYen: 1_000 });
    expect(await database.db.$count(lineOutbox, and(eq(lineOutbox.kind, 'apns_pass_update'), eq(lineOutbox.status, 'pending')))).toBe(0);
  });

  it('withdrawal voids the pass: its device is pushed, and the served pass is voided and shows nothing of the member', async () => {
    const { cookie: leaverCookie } = await t.signIn(leaver.lineUserId);
    const leaverPass = passJsonOf(Buffer.from(await (await t.app.request('/api/me/wallet/apple', { headers: { cookie: leaverCookie } })).arrayBuffer()));
    const path = `/v1/devices/${DEVICE}/registrations/${leaverPass.passTypeIdentifier}/${leaverPass.serialNumber}`;
    expect((await service(path, { method: 'POST', headers: json, body: JSON.stringify({ pushToken: 'cd'.repeat(32) }), token: leaverPass.authenticationToken })).status).toBe(201);

    const withdrawn = await t.app.request('/api/me/account', { method: 'DELETE', headers: { ...json, cookie: leaverCookie }, body: JSON.stringify({ confirm: 'withdraw' }) });
    expect(withdrawn.status).toBe(204);
    const [row] = await database.db.select().from(appleWalletPasses).where(eq(appleWalletPasses.serialNumber, leaverPass.serialNumber));
    expect(row!.voided).toBe(true);
    const pushesBefore = apns.pushes.length;
    await tick();
    expect(apns.pushes.slice(pushesBefore).map((p) => p.deviceToken)).toEqual(['cd'.repeat(32)]);

    const served = await service(`/v1/passes/${leaverPass.passTypeIdentifier}/${leaverPass.serialNumber}`, { token: leaverPass.authenticationToken });
    expect(served.status).toBe(200);
    const file = Buffer.from(await served.arrayBuffer());
    const voided = passJsonOf(file);
    expect(voided.voided).toBe(true);
    expect(voided.barcodes).toBeUndefined();
    expect(field(voided, 'points')).toBeUndefined();
    expect(file.toString('latin1')).not.toContain(leaver.seed!.memberNumber);
    expect((await t.app.request('/api/me/wallet/apple', { headers: { cookie: leaverCookie } })).status).toBe(401);
  });
});

describe.each(testDatabaseTargets())('Apple Wallet not configured on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { appleWallet: null });
  });
  afterAll(() => database.close());

  it('answers its routes with 404 and says why', async () => {
    const { cookie } = await t.signIn(personas[0]!.lineUserId);
    for (const [path, init] of [
      ['/api/me/wallet/apple', { headers: { cookie } }],
      ['/api/me/wallet/apple/link', { method: 'POST', headers: { cookie } }],
      ['/wallet/apple/v1/passes/pass.dev.membercard/abc', {}],
      ['/wallet/apple/v1/devices/abc/registrations/pass.dev.membercard', {}],
    ] as Array<[string, RequestInit]>) {
      const response = await t.app.request(path, init);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe('apple_wallet_disabled');
    }
  });
});

describe.each(testDatabaseTargets())('Apple Wallet and the daily job on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(() => database.close());

  it('points expiring in the daily job queue one update of a pass a device holds', async () => {
    const lineUserId = 'U' + 'f'.repeat(31) + '1';
    const { cookie } = await t.signIn(lineUserId);
    const passFile = Buffer.from(await (await t.app.request('/api/me/wallet/apple', { headers: { cookie } })).arrayBuffer());
    const pass = passJsonOf(passFile);
    const [row] = await database.db.select().from(appleWalletPasses).where(eq(appleWalletPasses.serialNumber, pass.serialNumber));
    expect(await t.deps.loyalty.grantPoints({ memberId: row!.memberId, points: 120, kind: 'adjust', idempotencyKey: 'daily-job-grant', reason: 'test' })).toMatchObject({ ok: true });
    const register = await t.app.request(`/wallet/apple/v1/devices/${DEVICE}/registrations/${pass.passTypeIdentifier}/${pass.serialNumber}`, {
      method: 'POST',
      headers: { ...json, Authorization: `ApplePass ${pass.authenticationToken}` },
      body: JSON.stringify({ pushToken: PUSH_TOKEN }),
    });
    expect(register.status).toBe(201);
    const queued = () => database.db.$count(lineOutbox, eq(lineOutbox.kind, 'apns_pass_update'));
    expect(await queued()).toBe(0);

    t.clock.advance(400 * 24 * 3600_000);
    expect(await t.deps.loyalty.runDailyJob()).toMatchObject({ expiredPoints: 120 });
    expect(await queued()).toBe(1);
    // The job's second run the same day changes nothing and queues nothing.
    await t.deps.loyalty.runDailyJob();
    expect(await queued()).toBe(1);
  });
});
