import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { members } from '../db/schema/members';
import { createTestApp, newLineUserId, TEST_SESSION_SECRET } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { createSessionCodec } from './session';

const json = { 'content-type': 'application/json' };

describe.each(testDatabaseTargets())('shopper session revocation on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const cardStatus = async (cookie: string) => (await t.app.request('/api/me/card', { headers: { cookie } })).status;
  const logout = (cookie: string) => t.app.request('/api/session', { method: 'DELETE', headers: { cookie } });

  it('logout ends the session server-side: the old cookie, and any copy of it, answers 401', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const otherDevice = await t.signIn(lineUserId);
    expect(await cardStatus(cookie)).toBe(200);

    const response = await logout(cookie);
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/mc_session=;/);
    expect(await cardStatus(cookie)).toBe(401);
    expect(await (await t.app.request('/api/me/card', { headers: { cookie } })).json()).toMatchObject({ error: { code: 'session_required' } });
    expect(await cardStatus(otherDevice.cookie)).toBe(401);
    // The same cookie as a bearer token is refused too.
    expect((await t.app.request('/api/me/card', { headers: { authorization: `Bearer ${cookie.split('=')[1]}` } })).status).toBe(401);
  });

  it('a new login works after logout, and a revoked cookie cannot log the member out again', async () => {
    const lineUserId = newLineUserId();
    const first = await t.signIn(lineUserId);
    await logout(first.cookie);
    const second = await t.signIn(lineUserId);
    expect(await cardStatus(second.cookie)).toBe(200);
    expect((await logout(first.cookie)).status).toBe(204);
    expect(await cardStatus(second.cookie)).toBe(200);
  });

  it('withdrawal ends every session of the member, and the generation moves on', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const otherDevice = await t.signIn(lineUserId);
    const [before] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    const response = await t.app.request('/api/me/account', { method: 'DELETE', headers: { ...json, cookie }, body: JSON.stringify({ confirm: 'withdraw' }) });
    expect(response.status).toBe(204);
    expect(await cardStatus(otherDevice.cookie)).toBe(401);
    const [after] = await database.db.select().from(members).where(eq(members.id, before!.id));
    expect(after!.sessionGeneration).toBe(before!.sessionGeneration + 1);
  });

  it('refuses a validly signed session without a generation (issued before revocation existed)', async () => {
    const lineUserId = newLineUserId();
    await t.signIn(lineUserId);
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const legacy = await new SignJWT({ kind: 'shopper' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(member!.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(TEST_SESSION_SECRET));
    expect(await cardStatus(`mc_session=${legacy}`)).toBe(401);
    // The codec itself still reads its own tokens.
    const codec = createSessionCodec(TEST_SESSION_SECRET, 3600, t.clock.now);
    expect(await codec.read(await codec.issue({ memberId: member!.id, generation: 0 }))).toEqual({ memberId: member!.id, generation: 0 });
  });
});
