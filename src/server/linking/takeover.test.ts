import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { lineOutbox } from '../db/schema/line';
import { crmMembers, linkTargetGuards, membershipAudit } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { pushMessages } from '../line/push-messages';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

const json = { 'content-type': 'application/json' };
const ADDRESSES = ['198.51.100.7', '198.51.100.8', '198.51.100.9'];
const lockedText = (pushMessages.linkTargetLocked()[0] as { text: string }).text;

/** 40 birthdays that are not the victim's, as a thief would try them. */
const wrongBirthdays = Array.from({ length: 40 }, (_, i) => `1970-${String(1 + (i % 12)).padStart(2, '0')}-${String(4 + Math.floor(i / 12)).padStart(2, '0')}`);

describe.each(testDatabaseTargets())('card takeover through recovery on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const link = (cookie: string, body: unknown, address: string) =>
    t.app.request('/api/me/link', { method: 'POST', headers: { ...json, cookie, 'x-forwarded-for': address }, body: JSON.stringify(body) });
  const countBy = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  /** A victim with a digital card, a completed profile (birthday, phone) and points. */
  async function victim() {
    const lineUserId = newLineUserId();
    const session = await t.signIn(lineUserId, '被害 花子');
    const profile = { familyName: '被害', givenName: '花子', familyKana: 'ヒガイ', givenKana: 'ハナコ', birthday: '1970-03-03', phone: '090-2222-3333', email: 'victim@example.jp', postalCode: '1500001', prefecture: '東京都', city: '渋谷区', street: '1-1-1', building: '', marketingConsent: false, termsAccepted: true };
    expect((await t.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie: session.cookie }, body: JSON.stringify(profile) })).status).toBe(200);
    const card = (await (await t.app.request('/api/me/card', { headers: { cookie: session.cookie } })).json()) as { memberNumber: string; pointsBalance: number };
    return { lineUserId, cookie: session.cookie, memberNumber: card.memberNumber, profile };
  }

  it('40 guessed birthdays from 10 LINE accounts and 3 addresses: the card locks before the right answer, its holder is told once, the birthday alone never moves it', async () => {
    const v = await victim();
    const thieves = await Promise.all(Array.from({ length: 10 }, async () => (await t.signIn(newLineUserId())).cookie));

    // The right birthday alone no longer recovers anything, and says so before checking it.
    const birthdayAlone = await link(thieves[0]!, { memberNumber: v.memberNumber, factor: { kind: 'birthday', birthday: v.profile.birthday } }, ADDRESSES[0]!);
    expect(birthdayAlone.status).toBe(422);
    expect(await birthdayAlone.json()).toMatchObject({ error: { code: 'recovery_needs_phone' } });

    // Worst case: the thief also knows the phone number and guesses only the birthday.
    const statuses: number[] = [];
    for (const [i, birthday] of wrongBirthdays.entries()) {
      const response = await link(thieves[i % 10]!, { memberNumber: v.memberNumber, factor: { kind: 'birthday_and_phone', birthday, phone: v.profile.phone } }, ADDRESSES[i % 3]!);
      statuses.push(response.status);
    }
    expect(countBy(statuses)).toEqual({ 422: 5, 423: 35 });

    const right = await link(thieves[3]!, { memberNumber: v.memberNumber, factor: { kind: 'birthday_and_phone', birthday: v.profile.birthday, phone: v.profile.phone } }, ADDRESSES[0]!);
    expect(right.status).toBe(423);
    expect(await right.json()).toMatchObject({ error: { code: 'link_target_locked', fields: { retryAt: expect.any(String) } } });

    // The victim keeps the card and its session; told once, through the outbox.
    const card = await t.app.request('/api/me/card', { headers: { cookie: v.cookie } });
    expect(card.status).toBe(200);
    expect(await card.json()).toMatchObject({ memberNumber: v.memberNumber });
    const [holder] = await database.db.select().from(members).where(eq(members.memberNumber, v.memberNumber));
    expect(holder!.lineUserId).toBe(v.lineUserId);
    const told = await database.db.select().from(lineOutbox).where(and(eq(lineOutbox.lineUserId, v.lineUserId), like(lineOutbox.causeKey, 'link-target-locked:%')));
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toEqual({ messages: [{ type: 'text', text: lockedText }] });
    // Audited: the lock once, every refusal after it.
    const outcomes = (await database.db.select().from(membershipAudit)).filter((a) => (a.detail as { memberNumber?: string }).memberNumber === v.memberNumber).map((a) => a.outcome);
    expect(outcomes.filter((o) => o === 'mismatch')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'target_locked')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'target_locked_refused')).toHaveLength(35);
    expect(outcomes).not.toContain('recovered');
  });

  it('the birthday and the phone (as typed: full-width, hyphens) move the card, and every session of the previous holder ends at once', async () => {
    const v = await victim();
    const newAccount = newLineUserId();
    const { cookie } = await t.signIn(newAccount);
    const response = await link(cookie, { memberNumber: v.memberNumber, factor: { kind: 'birthday_and_phone', birthday: v.profile.birthday, phone: '０９０－２２２２－３３３３' } }, ADDRESSES[1]!);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'recovered', memberNumber: v.memberNumber });
    const moved = response.headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.app.request('/api/me/profile', { headers: { cookie: moved } })).status).toBe(200);
    for (const path of ['/api/me/card', '/api/me/profile', '/api/me/points']) {
      expect((await t.app.request(path, { headers: { cookie: v.cookie } })).status, path).toBe(401);
    }
  });

  it('40 guesses at once at a paper card someone holds: exactly 5 are checked, 35 are refused, and the holder is told once', async () => {
    const crm = { id: 'crm-takeover-1', memberNumber: '5550001112', name: '紙 保持子', birthday: '1981-06-07', phone: '0312345678', pointsBalance: 900 };
    await database.db.insert(crmMembers).values(crm);
    const holderLineUser = newLineUserId();
    const holder = await t.signIn(holderLineUser);
    expect((await link(holder.cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday', birthday: crm.birthday } }, ADDRESSES[2]!)).status).toBe(200);

    const thieves = await Promise.all(Array.from({ length: 10 }, async () => (await t.signIn(newLineUserId())).cookie));
    const guesses = wrongBirthdays.map((birthday, i) => ({ cookie: thieves[i % 10]!, birthday, address: ADDRESSES[i % 3]! }));
    const responses = await Promise.all(guesses.map((g) => link(g.cookie, { memberNumber: crm.memberNumber, factor: { kind: 'birthday_and_phone', birthday: g.birthday, phone: crm.phone } }, g.address)));
    const statuses = responses.map((r) => r.status);
    // Each attempt is reserved under the guard's row lock before its factors are checked.
    expect(countBy(statuses)).toEqual({ 422: 5, 423: 35 });
    const [guard] = await database.db.select().from(linkTargetGuards).where(eq(linkTargetGuards.target, `number:${crm.memberNumber}`));
    expect(guard!.lockedUntil).not.toBeNull();
    const told = await database.db.select().from(lineOutbox).where(and(eq(lineOutbox.lineUserId, holderLineUser), like(lineOutbox.causeKey, 'link-target-locked:%')));
    expect(told).toHaveLength(1);
  });
});
