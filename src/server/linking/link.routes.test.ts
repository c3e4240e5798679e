import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmSeedMembers } from '../../../mocks/crm-members';
import type { DatabaseHandle } from '../db/database';
import { pointEntries } from '../db/schema/ledger';
import { lineFriendEvents, lineOutbox } from '../db/schema/line';
import { crmMemberBenefits, crmMembers, memberNumberAliases, membershipAudit } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import { defaultProgramConfig } from '../loyalty/program-config';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { seedBuiltinCrm } from './builtin-crm';
import { resolveMemberCode } from '../staff/member-code';
import { findMemberIdByScannedNumber } from '../members/members.repository';

const json = { 'content-type': 'application/json' };
const paper = crmSeedMembers[0]!; // 1,500 pt, birthday 1985-04-12, phone 09012345678
const web = crmSeedMembers[1]!;

let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;

describe.each(testDatabaseTargets())('linking an existing membership on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { richMenus: { linked: 'richmenu-linked', unlinked: 'richmenu-unlinked' } });
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    // Every test starts from the seeded CRM with its balances.
    await database.db.delete(crmMembers);
    await seedBuiltinCrm(database.db, crmSeedMembers);
  });

  const link = (cookie: string, body: unknown, address = freshAddress()) =>
    t.app.request('/api/me/link', { method: 'POST', headers: { ...json, cookie, 'x-forwarded-for': address }, body: JSON.stringify(body) });
  const card = async (cookie: string) => (await (await t.app.request('/api/me/card', { headers: { cookie } })).json()) as { pointsBalance: number; memberNumber: string };
  const memberOf = async (lineUserId: string) => (await database.db.select().from(members).where(eq(members.lineUserId, lineUserId)))[0]!;
  /** A fresh CRM membership, so tests that use up its one-time benefits do not affect each other. */
  async function freshCrmMember(points = 800) {
    const n = String(Date.now()).slice(-6) + String(++addressCounter).padStart(3, '0');
    const row = { id: `crm-t${n}`, memberNumber: `77${n}`, name: 'テスト 会員', birthday: '1980-01-02', phone: '0311112222', pointsBalance: points };
    await database.db.insert(crmMembers).values(row);
    return row;
  }

  it('links a paper card with the birthday: moves its points as a transfer, grants 300 pt once, keeps the old number scannable', async () => {
    const crm = await freshCrmMember(1500);
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const response = await link(cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'linked', transferredPoints: 1500, incentivePoints: 300, oldNumber: 'kept' });
    expect((await card(cookie)).pointsBalance).toBe(1800);
    const member = await memberOf(lineUserId);
    const entries = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id));
    expect(entries.map((e) => [e.kind, e.points, e.key]).sort()).toEqual(
      [
        ['adjust', 300, `link-incentive:${crm.id}`],
        ['transfer', 1500, `crm-transfer:${crm.id}`],
      ].sort(),
    );
    // The clerk can still scan the old paper card, and the card's own number.
    expect(await findMemberIdByScannedNumber(database.db, crm.memberNumber)).toBe(member.id);
    expect(await findMemberIdByScannedNumber(database.db, member.memberNumber)).toBe(member.id);
    expect(await resolveMemberCode(database.db, defaultProgramConfig, crm.memberNumber, t.clock.now())).toMatchObject({ kind: 'static', member: { id: member.id } });
    const [crmRow] = await database.db.select().from(crmMembers).where(eq(crmMembers.id, crm.id));
    expect(crmRow!.pointsBalance).toBe(0);
    const outbox = await database.db.select().from(lineOutbox).where(eq(lineOutbox.lineUserId, lineUserId));
    expect(outbox.map((o) => o.kind).sort()).toEqual(['push', 'rich_menu']);
    expect(outbox.find((o) => o.kind === 'rich_menu')!.payload).toEqual({ richMenuId: 'richmenu-linked' });
    expect(outbox.find((o) => o.kind === 'push')!.causeKey).toBe(`link-completed:${crm.id}`);
  });

  it('accepts the phone number as the second factor, with or without hyphens', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const response = await link(cookie, { memberNumber: web.memberNumber, factor: { kind: 'phone', phone: '080-1111-2222' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'linked', transferredPoints: web.pointsBalance });
  });

  it('grants the link incentive once per CRM member, across unlink, relink and another LINE account', async () => {
    const crm = await freshCrmMember(500);
    const factor = { kind: 'birthday', birthday: crm.birthday };
    const first = await t.signIn(newLineUserId());
    expect(await (await link(first.cookie, { memberNumber: crm.memberNumber, factor })).json()).toMatchObject({ transferredPoints: 500, incentivePoints: 300 });
    expect((await t.app.request('/api/me/link', { method: 'DELETE', headers: { cookie: first.cookie } })).status).toBe(204);
    expect(await findMemberIdByScannedNumber(database.db, crm.memberNumber)).toBeNull();
    expect((await t.app.request('/api/me/link', { method: 'DELETE', headers: { cookie: first.cookie } })).status).toBe(404);
    const relinked = await link(first.cookie, { memberNumber: crm.memberNumber, factor });
    expect(await relinked.json()).toMatchObject({ outcome: 'linked', transferredPoints: 0, incentivePoints: 0 });
    expect((await card(first.cookie)).pointsBalance).toBe(800);

    await t.app.request('/api/me/link', { method: 'DELETE', headers: { cookie: first.cookie } });
    const second = await t.signIn(newLineUserId());
    const other = await link(second.cookie, { memberNumber: crm.memberNumber, factor });
    expect(await other.json()).toMatchObject({ outcome: 'linked', transferredPoints: 0, incentivePoints: 0 });
    expect((await card(second.cookie)).pointsBalance).toBe(0);
    expect(await database.db.select().from(crmMemberBenefits).where(eq(crmMemberBenefits.crmMemberId, crm.id))).toHaveLength(2);
    expect(await database.db.$count(lineOutbox, eq(lineOutbox.causeKey, `link-completed:${crm.id}`))).toBe(1);
  });

  it('grants the incentive once when two LINE accounts link the same membership at the same moment', async () => {
    const crm = await freshCrmMember(100);
    const factor = { kind: 'birthday', birthday: crm.birthday };
    const a = await t.signIn(newLineUserId());
    const b = await t.signIn(newLineUserId());
    const [ra, rb] = await Promise.all([link(a.cookie, { memberNumber: crm.memberNumber, factor }), link(b.cookie, { memberNumber: crm.memberNumber, factor })]);
    // A link that moves the shopper onto the linked membership answers with that membership's session.
    const sessionAfter = (response: Response, before: string) => response.headers.get('set-cookie')?.split(';')[0] ?? before;
    // Whichever way the race went (two links, or a link and a recovery of the same card), the points exist once.
    const cards = [await card(sessionAfter(ra, a.cookie)), await card(sessionAfter(rb, b.cookie))];
    const byNumber = new Map(cards.map((k) => [k.memberNumber, k.pointsBalance]));
    expect([...byNumber.values()].reduce((sum, points) => sum + points, 0)).toBe(400);
    expect([ra.status, rb.status]).toContain(200);
  });

  it('answers a wrong second factor and an unknown number alike, audits both, changes nothing', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const wrong = await link(cookie, { memberNumber: paper.memberNumber, factor: { kind: 'birthday', birthday: '1985-04-13' } });
    const unknown = await link(cookie, { memberNumber: '1999999999', factor: { kind: 'birthday', birthday: '1985-04-12' } });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'link_not_verified' } });
    }
    const member = await memberOf(lineUserId);
    expect(await database.db.$count(pointEntries, eq(pointEntries.memberId, member.id))).toBe(0);
    const audit = await database.db.select().from(membershipAudit).where(eq(membershipAudit.memberId, member.id));
    expect(audit.map((a) => a.outcome)).toEqual(['mismatch', 'mismatch']);
  });

  it('locks a member out after 5 failures, with a clear message, even with the right factor, until the lockout ends', async () => {
    const crm = await freshCrmMember(10);
    const { cookie } = await t.signIn(newLineUserId());
    // Five different numbers, so only this member's own limit is reached (not any one membership's).
    for (let i = 0; i < 5; i++) {
      expect((await link(cookie, { memberNumber: `19999999${i}${addressCounter}`, factor: { kind: 'birthday', birthday: '2000-01-01' } })).status).toBe(422);
    }
    const locked = await link(cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } });
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: 'link_locked', message: expect.stringContaining('Too many failed attempts'), fields: { retryAt: expect.any(String) } } });
    t.clock.advance(31 * 60_000);
    expect((await link(cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } })).status).toBe(200);
  });

  it('locks out a client address that tries many members', async () => {
    const limited = await createTestApp(database, { clock: t.clock, program: { ...defaultProgramConfig, linking: { ...defaultProgramConfig.linking, maxFailuresPerAddress: 3 } } });
    const address = freshAddress();
    for (let i = 0; i < 3; i++) {
      const { cookie } = await limited.signIn(newLineUserId());
      const r = await limited.app.request('/api/me/link', { method: 'POST', headers: { ...json, cookie, 'x-forwarded-for': address }, body: JSON.stringify({ memberNumber: paper.memberNumber, factor: { kind: 'phone', phone: `0900000000${i}` } }) });
      expect(r.status).toBe(422);
    }
    const { cookie } = await limited.signIn(newLineUserId());
    const r = await limited.app.request('/api/me/link', { method: 'POST', headers: { ...json, cookie, 'x-forwarded-for': address }, body: JSON.stringify({ memberNumber: paper.memberNumber, factor: { kind: 'birthday', birthday: paper.birthday } }) });
    expect(r.status).toBe(429);
  });

  it('refuses a malformed request with field messages', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const response = await link(cookie, { memberNumber: 'abc', factor: { kind: 'birthday', birthday: '1985-13-01' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { memberNumber: 'link.error.memberNumber', 'factor.birthday': 'profile.error.birthday' } } });
  });

  it('with the retire policy, the old number is retired in the CRM and cannot be linked again', async () => {
    const retiring = await createTestApp(database, { clock: t.clock, program: { ...defaultProgramConfig, linking: { ...defaultProgramConfig.linking, oldNumber: 'retire' } } });
    const crm = await freshCrmMember(50);
    const factor = { kind: 'birthday', birthday: crm.birthday };
    const first = await retiring.signIn(newLineUserId());
    const send = (cookie: string) => retiring.app.request('/api/me/link', { method: 'POST', headers: { ...json, cookie, 'x-forwarded-for': freshAddress() }, body: JSON.stringify({ memberNumber: crm.memberNumber, factor }) });
    expect(await (await send(first.cookie)).json()).toMatchObject({ oldNumber: 'retired' });
    expect(await findMemberIdByScannedNumber(database.db, crm.memberNumber)).toBeNull();
    const [row] = await database.db.select().from(crmMembers).where(eq(crmMembers.id, crm.id));
    expect(row!.retiredAt).not.toBeNull();
  });

  it('recovers a linked membership on a new LINE account: the card, its points and number move; the new empty card is retired', async () => {
    const crm = await freshCrmMember(700);
    const factor = { kind: 'birthday', birthday: crm.birthday };
    const oldLineUser = newLineUserId();
    const old = await t.signIn(oldLineUser);
    await link(old.cookie, { memberNumber: crm.memberNumber, factor });
    const oldCard = await card(old.cookie);

    const newLineUser = newLineUserId();
    const fresh = await t.signIn(newLineUser);
    const response = await link(fresh.cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday_and_phone', birthday: crm.birthday, phone: crm.phone } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'recovered', memberNumber: oldCard.memberNumber });
    const recoveredCookie = response.headers.get('set-cookie')!.split(';')[0]!;
    expect(await card(recoveredCookie)).toMatchObject({ memberNumber: oldCard.memberNumber, pointsBalance: 1000 });
    // Signing in again with the new LINE account finds the recovered card.
    const again = await t.signIn(newLineUser);
    expect(again.body).toMatchObject({ memberNumber: oldCard.memberNumber, isNewMember: false });
    expect(await database.db.$count(members, eq(members.lineUserId, oldLineUser))).toBe(0);
    // Every session of the previous holder has ended, and the holder was told on LINE.
    expect((await t.app.request('/api/me/card', { headers: { cookie: old.cookie } })).status).toBe(401);
    const told = await database.db.select().from(lineOutbox).where(eq(lineOutbox.lineUserId, oldLineUser));
    expect(told.some((o) => o.causeKey.startsWith('card-moved:'))).toBe(true);
  });

  it('recovers a digital-only card by its own number with the profile birthday and phone (full-width, hyphens), never with one of them alone', async () => {
    const oldLineUser = newLineUserId();
    const old = await t.signIn(oldLineUser);
    const profile = { familyName: '移', givenName: '行子', familyKana: 'イ', givenKana: 'イコ', birthday: '1970-03-03', phone: '0355556666', email: 'i@example.jp', postalCode: '1000001', prefecture: '東京都', city: '千代田区', street: '1-1-1', building: '', marketingConsent: false, termsAccepted: true };
    await t.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie: old.cookie }, body: JSON.stringify(profile) });
    const { memberNumber } = await card(old.cookie);
    const fresh = await t.signIn(newLineUserId());
    for (const factor of [{ kind: 'phone', phone: '03-5555-6666' }, { kind: 'birthday', birthday: '1970-03-03' }]) {
      const alone = await link(fresh.cookie, { memberNumber, factor });
      expect(alone.status).toBe(422);
      expect(await alone.json()).toMatchObject({ error: { code: 'recovery_needs_phone' } });
    }
    expect((await card(old.cookie)).memberNumber).toBe(memberNumber);
    const response = await link(fresh.cookie, { memberNumber, factor: { kind: 'birthday_and_phone', birthday: '1970-03-03', phone: '０３－５５５５－６６６６' } });
    expect(await response.json()).toMatchObject({ outcome: 'recovered', memberNumber });
    expect((await t.app.request('/api/me/card', { headers: { cookie: old.cookie } })).status).toBe(401);
  });

  it('refuses to recover onto a LINE account whose own card already has points', async () => {
    const crm = await freshCrmMember(10);
    const factor = { kind: 'birthday', birthday: crm.birthday };
    const old = await t.signIn(newLineUserId());
    await link(old.cookie, { memberNumber: crm.memberNumber, factor });
    const own = await freshCrmMember(20);
    const other = await t.signIn(newLineUserId());
    await link(other.cookie, { memberNumber: own.memberNumber, factor: { kind: 'birthday', birthday: own.birthday } });
    const response = await link(other.cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday_and_phone', birthday: crm.birthday, phone: crm.phone } });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'recovery_needs_new_card' } });
  });

  it('withdrawal erases personal data and keeps the ledger, anonymised', async () => {
    const crm = await freshCrmMember(200);
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId, '退会 する子');
    const profile = { familyName: '退会', givenName: 'する子', familyKana: 'タイカイ', givenKana: 'スルコ', birthday: '1980-01-02', phone: '0311112222', email: 'bye@example.jp', postalCode: '1000001', prefecture: '東京都', city: '千代田区', street: '1-1-1', building: '', marketingConsent: true, termsAccepted: true };
    await t.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie }, body: JSON.stringify(profile) });
    await link(cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } });
    const memberId = (await memberOf(lineUserId)).id;
    await database.db.insert(lineFriendEvents).values({ webhookEventId: `ev-${lineUserId}`, lineUserId, kind: 'follow', occurredAt: t.clock.now(), receivedAt: t.clock.now() });

    const unconfirmed = await t.app.request('/api/me/account', { method: 'DELETE', headers: { ...json, cookie }, body: '{}' });
    expect(unconfirmed.status).toBe(400);
    expect((await memberOf(lineUserId)).id).toBe(memberId);
    const response = await t.app.request('/api/me/account', { method: 'DELETE', headers: { ...json, cookie }, body: JSON.stringify({ confirm: 'withdraw' }) });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/mc_session=;/);

    const [row] = await database.db.select().from(members).where(eq(members.id, memberId));
    expect(row).toMatchObject({ lineUserId: null, displayName: null, birthday: null, memberNumber: `withdrawn:${memberId}` });
    expect(await database.db.$count(memberProfiles, eq(memberProfiles.memberId, memberId))).toBe(0);
    expect(await database.db.$count(lineOutbox, eq(lineOutbox.lineUserId, lineUserId))).toBe(0);
    expect(await database.db.$count(lineFriendEvents, eq(lineFriendEvents.lineUserId, lineUserId))).toBe(0);
    expect(await database.db.$count(memberNumberAliases, eq(memberNumberAliases.memberId, memberId))).toBe(0);
    // The ledger stays for accounting: 200 transferred + 300 incentive + 100 profile bonus.
    const entries = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
    expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(600);
    // The old session is worthless, and the next open starts a new card.
    for (const path of ['/api/me/profile', '/api/me/card', '/api/me/points', '/api/me/coupons']) {
      expect((await t.app.request(path, { headers: { cookie } })).status, path).toBe(401);
    }
    expect((await t.signIn(lineUserId)).status).toBe(201);
  });
});
