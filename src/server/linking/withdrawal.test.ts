import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { pointEntries, pointLots } from '../db/schema/ledger';
import { crmMemberBenefits, crmMembers, memberLinks, membershipAudit } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

const json = { 'content-type': 'application/json' };

describe.each(testDatabaseTargets())('withdrawal of a linked member on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const link = (cookie: string, crm: { memberNumber: string; birthday: string }) =>
    t.app.request('/api/me/link', {
      method: 'POST',
      headers: { ...json, cookie, 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } }),
    });

  it('erases every join from the anonymous member to the CRM record, and linking again grants no second incentive', async () => {
    const crm = { id: 'crm-withdraw-1', memberNumber: '7700000001', name: '退会 する子', birthday: '1980-01-02', phone: '0311112222', pointsBalance: 200 };
    await database.db.insert(crmMembers).values(crm);
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    expect(await (await link(cookie, crm)).json()).toMatchObject({ outcome: 'linked', transferredPoints: 200, incentivePoints: 300 });
    const [{ id: memberId }] = (await database.db.select({ id: members.id }).from(members).where(eq(members.lineUserId, lineUserId))) as [{ id: string }];
    // A spend draws on the transferred lot first: its allocations name that lot.
    expect(await t.deps.loyalty.redeemPoints({ memberId, storeId: 'shibuya', points: 250, idempotencyKey: 'spend-before-withdrawal' })).toMatchObject({ ok: true });

    const withdrawn = await t.app.request('/api/me/account', { method: 'DELETE', headers: { ...json, cookie }, body: JSON.stringify({ confirm: 'withdraw' }) });
    expect(withdrawn.status).toBe(204);

    // No row about the anonymous member names the CRM member, its number or its id.
    const traces = JSON.stringify([
      await database.db.select().from(memberLinks).where(eq(memberLinks.memberId, memberId)),
      await database.db.select().from(membershipAudit).where(eq(membershipAudit.memberId, memberId)),
      await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)),
      await database.db.select().from(pointLots).where(eq(pointLots.memberId, memberId)),
    ]);
    expect(traces).not.toContain(crm.memberNumber);
    expect(traces).not.toContain(crm.id);
    expect(await database.db.$count(crmMemberBenefits, eq(crmMemberBenefits.memberId, memberId))).toBe(0);
    // The link still counts in the dashboard's link figures, by date only.
    expect(await database.db.$count(memberLinks, eq(memberLinks.memberId, memberId))).toBe(1);
    // The ledger still balances for accounting: entries, lots and the allocations between them agree.
    const entries = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
    const lots = await database.db.select().from(pointLots).where(eq(pointLots.memberId, memberId));
    expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(250);
    expect(lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(250);
    const lotIds = new Set(lots.map((l) => l.id));
    for (const entry of entries) {
      if (entry.lotId) expect(lotIds, entry.key).toContain(entry.lotId);
      for (const a of entry.allocations) expect(lotIds, entry.key).toContain(a.lotId);
    }
    for (const lot of lots) expect(lot.sourceKey).toMatch(/^(crm-transfer|link-incentive):erased-\d+$/);

    // The same person comes back on a new LINE account and links the same paper card.
    const again = await t.signIn(newLineUserId());
    const relink = await link(again.cookie, crm);
    expect(relink.status).toBe(200);
    expect(await relink.json()).toMatchObject({ outcome: 'linked', transferredPoints: 0, incentivePoints: 0 });
    const benefits = await database.db.select().from(crmMemberBenefits).where(eq(crmMemberBenefits.crmMemberId, crm.id));
    expect(benefits.map((b) => [b.kind, b.points]).sort()).toEqual([
      ['link_incentive', 300],
      ['points_transfer', 200],
    ]);
  });
});
