import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { seedDemoStaff } from '../staff/seed-staff';
import { staffSignIn } from '../testing/staff-testing';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

describe.each(testDatabaseTargets())('friendship reported by the app, and members reachable on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: string;
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
    await seedDemoStaff(database.db);
    admin = await staffSignIn(t.app, 'admin');
  });
  afterAll(async () => {
    await database.close();
  });

  const report = (cookie: string | null, body: unknown) =>
    t.app.request('/api/me/line-friendship', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const reachable = async () => (await (await t.app.request('/api/admin/reachable', { headers: { cookie: admin } })).json()) as { members: number; reachable: number };

  it("counts a member as reachable once the app reports getFriendship's friend flag, and not after a later unfriend report", async () => {
    const before = await reachable();
    const friend = await t.signIn(newLineUserId());
    const stranger = await t.signIn(newLineUserId());
    expect(await reachable()).toEqual({ members: before.members + 2, reachable: before.reachable });

    expect((await report(friend.cookie, { friend: true })).status).toBe(204);
    expect((await report(stranger.cookie, { friend: false })).status).toBe(204);
    expect(await reachable()).toEqual({ members: before.members + 2, reachable: before.reachable + 1 });

    t.clock.advance(60_000);
    expect((await report(friend.cookie, { friend: false })).status).toBe(204);
    expect(await reachable()).toEqual({ members: before.members + 2, reachable: before.reachable });
  });

  it('refuses a report without a session or with a body that is not a friend flag', async () => {
    expect((await report(null, { friend: true })).status).toBe(401);
    const { cookie } = await t.signIn(newLineUserId());
    expect((await report(cookie, { friend: 'yes' })).status).toBe(400);
    expect((await t.app.request('/api/admin/reachable')).status).toBe(401);
  });
});
