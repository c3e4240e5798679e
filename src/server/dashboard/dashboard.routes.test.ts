import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { defaultProgramConfig } from '../loyalty/program-config';
import { seedDemoStaff } from '../staff/seed-staff';
import { staffSignIn } from '../testing/staff-testing';
import { createTestApp, createTestClock } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { DASHBOARD_SAMPLE, insertDashboardSample } from './sample-dataset';

const { range, expected } = DASHBOARD_SAMPLE;
const query = `?from=${range.from}&to=${range.to}`;

describe.each(testDatabaseTargets())('dashboard figures of the fixed January 2020 sample on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: string;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { clock: createTestClock(DASHBOARD_SAMPLE.now), program: { ...defaultProgramConfig, pointValueYen: 2 } });
    await seedDemoStaff(database.db);
    await insertDashboardSample(database.db);
    // Seeding twice changes nothing.
    await insertDashboardSample(database.db);
    admin = await staffSignIn(t.app, 'admin');
  });
  afterAll(async () => {
    await database.close();
  });

  const get = async (path: string, cookie = admin) => {
    const response = await t.app.request(`/api/admin${path}`, { headers: { cookie } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('funnel: friends by their latest event, members, active links, profiles and REINE spend as of 23:59 JST on the last day', async () => {
    const { status, body } = await get(`/funnel${query}`);
    expect(status).toBe(200);
    const { friends, members, linked, profileComplete, topTierMembers } = expected.funnel;
    expect(body).toEqual({ asOf: '2020-01-31', friends, members, linked, profileComplete, topTier: { id: 'REINE', name: 'REINE', members: topTierMembers } });
  });

  it('funnel a day earlier: the 23:59 purchase on the 31st and the late profile drop out', async () => {
    const { body } = await get('/funnel?from=2020-01-01&to=2020-01-30');
    // M3's profile (31st 23:30) and M4's ¥50,000 (31st 23:59) are not there yet; U7 (28th) is already a friend.
    expect(body).toMatchObject({ friends: 5, members: 4, linked: 3, profileComplete: 2, topTier: { members: 1 } });
  });

  it('new links per JST day with the days the link incentive was granted, zeros included', async () => {
    const { body } = await get(`/links-per-day${query}`);
    const days = body.days as { day: string; links: number; incentiveGranted: number }[];
    expect(days).toHaveLength(31);
    expect(body.totalLinks).toBe(expected.links.total);
    for (const day of days) {
      const [links, incentives] = expected.links.byDay[day.day] ?? [0, 0];
      expect(day, day.day).toEqual({ day: day.day, links, incentiveGranted: incentives });
    }
  });

  it('coupons issued in the range and redeemed in the range, by kind', async () => {
    const { body } = await get(`/coupons${query}`);
    expect(body.kinds).toEqual(Object.entries(expected.coupons).map(([kind, [issued, redeemed]]) => ({ kind, issued, redeemed })));
  });

  it('outstanding points of live lots now, priced at the configured yen per point, and what expires next month', async () => {
    const { body } = await get('/points-liability');
    const { outstandingPoints, expiringNextMonth, month } = expected.liability;
    expect(body).toEqual({
      outstandingPoints,
      pointValueYen: 2,
      liabilityYen: outstandingPoints * 2,
      expiringNextMonth: { month, points: expiringNextMonth, yen: expiringNextMonth * 2 },
    });
  });

  it('follows and blocks per JST day and the block rate over friends at the start plus new follows', async () => {
    const { body } = await get(`/blocks-per-day${query}`);
    const { friendsAtStart, follows, blocks, blockRate, byDay } = expected.blocks;
    expect(body).toMatchObject({ friendsAtStart, follows, blocks });
    expect(body.blockRate).toBeCloseTo(blockRate, 10);
    const days = body.days as { day: string; follows: number; blocks: number }[];
    expect(days).toHaveLength(31);
    for (const [day, [f, b]] of Object.entries(byDay)) expect(days.find((d) => d.day === day)).toEqual({ day, follows: f, blocks: b });
  });

  it('purchases and spend per store leave out voided purchases and the first seconds of the next JST day', async () => {
    const { body } = await get(`/stores${query}`);
    expect(body.stores).toEqual(expected.stores);
  });

  it('a manager sees only their own store; other figures need an admin; a clerk gets none', async () => {
    const manager = await staffSignIn(t.app, 'manager1');
    expect((await get(`/stores${query}`, manager)).body.stores).toEqual([expected.stores[0]]);
    const funnel = await get(`/funnel${query}`, manager);
    expect(funnel.status).toBe(403);
    const clerk = await staffSignIn(t.app, 'clerk1');
    expect((await get(`/stores${query}`, clerk)).status).toBe(403);
    expect((await get(`/funnel${query}`, '')).status).toBe(401);
  });

  it('refuses a missing, reversed or too long range with a 400 that names the field', async () => {
    for (const bad of ['', '?from=2020-01-31&to=2020-01-01', '?from=2020-02-30&to=2020-03-01', '?from=2018-01-01&to=2020-12-31', '?from=2020-1-1&to=2020-01-31']) {
      const { status, body } = await get(`/funnel${bad}`);
      expect(status, bad).toBe(400);
      expect(body).toMatchObject({ error: { code: 'invalid_range' } });
    }
  });

  it('shows the programme rules, with the yen value of a point', async () => {
    const { body } = await get('/program');
    expect(body).toMatchObject({
      pointValueYen: 2,
      tierWindowMonths: 12,
      tiers: [{ id: 'REGULAR' }, { id: 'REINE', minSpendYen: 50_000 }],
      register: { maxPurchaseYen: 300_000, approvalAboveYen: 100_000, maxPurchasesPerMemberPerDay: 10, maxPointsPerMemberPerDay: 10_000 },
    });
  });
});
