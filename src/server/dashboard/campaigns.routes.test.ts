import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { campaignGrants, campaigns } from '../db/schema/campaigns';
import { pointEntries } from '../db/schema/ledger';
import { crmMembers } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { staffAuditLog } from '../db/schema/staff';
import { seedDemoStaff } from '../staff/seed-staff';
import { json, staffSignIn } from '../testing/staff-testing';
import { createTestApp, createTestClock, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

// 2026-11-23 12:00 JST.
const start = '2026-11-23T03:00:00Z';

describe.each(testDatabaseTargets())('link campaigns on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let counter = 0;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { clock: createTestClock(start) });
    await seedDemoStaff(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  // A fresh staff session each time: the tests move the clock by days, past a shift's session.
  const api = async (path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) =>
    t.app.request(`/api/admin/campaigns${path}`, {
      method: init.method ?? 'GET',
      headers: { ...json, cookie: init.cookie ?? (await staffSignIn(t.app, 'admin')) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  async function crmMember() {
    const n = String(++counter).padStart(6, '0');
    const row = { id: `crm-c${n}`, memberNumber: `78${n}`, name: 'テスト 会員', birthday: '1980-01-02', phone: '0311112222', pointsBalance: 0 };
    await database.db.insert(crmMembers).values(row);
    return row;
  }
  async function linkNewMember(crm: { memberNumber: string; birthday: string }) {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const response = await t.app.request('/api/me/link', {
      method: 'POST',
      headers: { ...json, cookie, 'x-forwarded-for': `198.51.100.${++counter % 250}` },
      body: JSON.stringify({ memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } }),
    });
    expect(response.status).toBe(200);
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    return { cookie, member: member!, result: (await response.json()) as { incentivePoints: number; campaignBonusPoints: number } };
  }
  const balance = async (cookie: string) => ((await (await t.app.request('/api/me/card', { headers: { cookie } })).json()) as { pointsBalance: number }).pointsBalance;

  let campaignId = '';

  it('an admin creates a link campaign for the coming month; it runs from its first JST day', async () => {
    // A link the day before, for the funnel's "before".
    await linkNewMember(await crmMember());
    t.clock.set('2026-11-24T03:00:00Z');
    const created = await api('', { method: 'POST', body: { kind: 'link_bonus', name: '連携キャンペーン 12月', bonusPoints: 300, startsOn: '2026-11-24', endsOn: '2026-12-23' } });
    expect(created.status).toBe(201);
    const campaign = (await created.json()) as { id: string; status: string; lastDay: string };
    expect(campaign).toMatchObject({ status: 'running', lastDay: '2026-12-23', granted: 0 });
    campaignId = campaign.id;
    const listed = (await (await api('')).json()) as { campaigns: { id: string }[] };
    expect(listed.campaigns.map((c) => c.id)).toEqual([campaignId]);
    const [audit] = await database.db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'campaign_create'));
    expect(audit).toMatchObject({ username: 'admin', result: 'ok', detail: { campaignId, bonusPoints: 300 } });
  });

  it('an overlapping campaign of the same kind is refused with 409 and nothing is created; the refusal is audited', async () => {
    const response = await api('', { method: 'POST', body: { kind: 'link_bonus', name: 'かぶり', bonusPoints: 100, startsOn: '2026-12-23', endsOn: '2027-01-10' } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('campaign_overlap');
    expect(await database.db.select().from(campaigns)).toHaveLength(1);
    const refusals = await database.db.select().from(staffAuditLog).where(eq(staffAuditLog.result, 'refused'));
    expect(refusals.map((r) => r.detail)).toContainEqual(expect.objectContaining({ reason: 'overlap', overlaps: campaignId }));
  });

  it('bad windows are clear 4xx answers: the last day before the first (400), a start in the past (422), too long (400)', async () => {
    const bad = await api('', { method: 'POST', body: { kind: 'link_bonus', name: 'x', bonusPoints: 100, startsOn: '2027-02-10', endsOn: '2027-02-01' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('endsOn');
    const past = await api('', { method: 'POST', body: { kind: 'link_bonus', name: 'x', bonusPoints: 100, startsOn: '2026-11-01', endsOn: '2026-11-02' } });
    expect(past.status).toBe(422);
    const long = await api('', { method: 'POST', body: { kind: 'link_bonus', name: 'x', bonusPoints: 100, startsOn: '2027-02-01', endsOn: '2027-08-01' } });
    expect(long.status).toBe(400);
    const zero = await api('', { method: 'POST', body: { kind: 'link_bonus', name: 'x', bonusPoints: 0, startsOn: '2027-02-01', endsOn: '2027-02-02' } });
    expect(zero.status).toBe(400);
    expect(await database.db.select().from(campaigns)).toHaveLength(1);
  });

  it('only admins: a manager is refused and a request without a session too', async () => {
    const manager = await staffSignIn(t.app, 'manager1');
    expect((await api('', { cookie: manager })).status).toBe(403);
    expect((await t.app.request('/api/admin/campaigns')).status).toBe(401);
  });

  it('a member who links during the window gets the bonus on top of the incentive, once per CRM membership', async () => {
    const crm = await crmMember();
    const first = await linkNewMember(crm);
    expect(first.result).toMatchObject({ incentivePoints: 300, campaignBonusPoints: 300 });
    expect(await balance(first.cookie)).toBe(600);
    const entries = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, first.member.id));
    expect(entries.map((e) => e.key).sort()).toEqual([`link-campaign:${campaignId}`, `link-incentive:${crm.id}`]);

    // Unlinked, then the same membership linked from another LINE account: no second bonus.
    expect((await t.app.request('/api/me/link', { method: 'DELETE', headers: { cookie: first.cookie } })).status).toBe(204);
    const again = await linkNewMember(crm);
    expect(again.result).toMatchObject({ incentivePoints: 0, campaignBonusPoints: 0 });
    expect(await database.db.select().from(campaignGrants)).toHaveLength(1);
  });

  it('the funnel shows links per day before, during and after, and the ratio during ÷ before', async () => {
    t.clock.set('2026-11-25T03:00:00Z');
    await linkNewMember(await crmMember());
    const response = await api(`/${campaignId}/links`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      before: { from: string; to: string; days: number; links: number };
      during: { from: string; to: string; days: number; links: number };
      after: unknown;
      ratio: number;
      days: { day: string; links: number; phase: string }[];
    };
    expect(body.before).toMatchObject({ from: '2026-10-25', to: '2026-11-23', days: 30, links: 1 });
    expect(body.during).toMatchObject({ from: '2026-11-24', to: '2026-11-25', days: 2, links: 3 });
    expect(body.after).toBeNull();
    expect(body.ratio).toBeCloseTo(3 / 2 / (1 / 30), 10);
    expect(body.days.find((d) => d.day === '2026-11-23')).toEqual({ day: '2026-11-23', links: 1, phase: 'before' });
    expect(body.days.find((d) => d.day === '2026-11-24')).toEqual({ day: '2026-11-24', links: 2, phase: 'during' });
    expect((await api('/00000000-0000-0000-0000-000000000000/links')).status).toBe(404);
  });

  it('an admin ends it early: later links get no bonus, a second end is 409, and a new campaign may follow', async () => {
    t.clock.set('2026-11-26T01:00:00Z');
    const ended = await api(`/${campaignId}/end`, { method: 'POST' });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({ status: 'over', lastDay: '2026-11-26', endedAt: '2026-11-26T01:00:00.000Z', granted: 2 });
    expect((await api(`/${campaignId}/end`, { method: 'POST' })).status).toBe(409);
    t.clock.set('2026-11-26T02:00:00Z');
    expect((await linkNewMember(await crmMember())).result.campaignBonusPoints).toBe(0);
    const next = await api('', { method: 'POST', body: { kind: 'link_bonus', name: '年末', bonusPoints: 200, startsOn: '2026-11-27', endsOn: '2026-12-31' } });
    expect(next.status).toBe(201);
    expect(await database.db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'campaign_end'))).toHaveLength(2);
  });
});
