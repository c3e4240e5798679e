import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { lineOutbox } from '../db/schema/line';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import { defaultProgramConfig } from '../loyalty/program-config';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

const json = { 'content-type': 'application/json' };
const validProfile = {
  familyName: '山田',
  givenName: '太郎',
  familyKana: 'ヤマダ',
  givenKana: 'タロウ',
  birthday: '1990-04-12',
  phone: '090-1234-5678',
  email: 'taro@example.jp',
  postalCode: '1500001',
  prefecture: '東京都',
  city: '渋谷区',
  street: '神宮前1-2-3',
  building: '',
  marketingConsent: true,
  termsAccepted: true,
};

describe.each(testDatabaseTargets())('profile completion on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database); // clock: 2026-11-23, November in Tokyo
  });
  afterAll(async () => {
    await database.close();
  });

  const put = (cookie: string, body: unknown) => t.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie }, body: JSON.stringify(body) });
  const balance = async (cookie: string) => ((await (await t.app.request('/api/me/card', { headers: { cookie } })).json()) as { pointsBalance: number }).pointsBalance;
  const memberIdOf = async (lineUserId: string) => (await database.db.select().from(members).where(eq(members.lineUserId, lineUserId)))[0]!.id;

  it('shows a new member an incomplete profile with the completion bonus on offer', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const response = await t.app.request('/api/me/profile', { headers: { cookie } });
    expect(await response.json()).toEqual({ profile: null, completed: false, birthdayEditable: true, completionPoints: 100 });
  });

  it('refuses invalid fields with one message key per field and saves nothing', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const response = await put(cookie, {
      ...validProfile,
      familyKana: 'Yamada',
      postalCode: '150-00',
      prefecture: 'Tokyo',
      email: 'not-an-email',
      phone: '12345',
      birthday: '1990-02-30',
      givenName: '  ',
      termsAccepted: false,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields).toEqual({
      givenName: 'profile.error.required',
      familyKana: 'profile.error.kana',
      postalCode: 'profile.error.postalCode',
      prefecture: 'profile.error.prefecture',
      email: 'profile.error.email',
      phone: 'profile.error.phone',
      birthday: 'profile.error.birthday',
      termsAccepted: 'profile.error.terms',
    });
    expect(await database.db.$count(memberProfiles, eq(memberProfiles.memberId, await memberIdOf(lineUserId)))).toBe(0);
  });

  it('never assumes marketing consent: a save that does not say is refused and stores nothing', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const { marketingConsent: _unsaid, ...withoutConsent } = validProfile;
    const response = await put(cookie, withoutConsent);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { marketingConsent: expect.any(String) } } });
    expect(await database.db.$count(memberProfiles, eq(memberProfiles.memberId, await memberIdOf(lineUserId)))).toBe(0);
  });

  it('awards the completion bonus exactly once, however often the profile is saved', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const first = await put(cookie, validProfile);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ pointsAwarded: 100, birthdayCouponIssued: false, view: { completed: true, completionPoints: 0 } });
    const second = await put(cookie, { ...validProfile, email: 'new@example.jp' });
    expect(await second.json()).toMatchObject({ pointsAwarded: 0, view: { profile: { email: 'new@example.jp' } } });
    expect(await balance(cookie)).toBe(100);
  });

  it('saves 姓/名 and kana typed in hiragana as katakana, with the address, and reads them back for editing', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const saved = await put(cookie, { ...validProfile, familyKana: 'やまだ', givenKana: 'ﾀﾛｳ', phone: '０９０１２３４５６７８', postalCode: '〒150-0001', building: '神宮前ハイツ 101' });
    expect(saved.status).toBe(200);
    const view = await (await t.app.request('/api/me/profile', { headers: { cookie } })).json();
    expect(view).toEqual({
      profile: {
        familyName: '山田',
        givenName: '太郎',
        familyKana: 'ヤマダ',
        givenKana: 'タロウ',
        birthday: '1990-04-12',
        phone: '09012345678',
        email: 'taro@example.jp',
        postalCode: '1500001',
        prefecture: '東京都',
        city: '渋谷区',
        street: '神宮前1-2-3',
        building: '神宮前ハイツ 101',
        marketingConsent: true,
      },
      completed: true,
      birthdayEditable: true,
      completionPoints: 0,
    });
  });

  it('editing a completed profile updates it in place: one profile row, the bonus still granted once', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    expect(await (await put(cookie, { ...validProfile, marketingConsent: false })).json()).toMatchObject({ pointsAwarded: 100 });
    const edited = await put(cookie, { ...validProfile, givenName: '次郎', givenKana: 'じろう', street: '神宮前4-5-6', marketingConsent: true });
    expect(await edited.json()).toMatchObject({ pointsAwarded: 0, view: { completed: true, profile: { givenName: '次郎', givenKana: 'ジロウ', street: '神宮前4-5-6', marketingConsent: true } } });
    expect(await database.db.$count(memberProfiles, eq(memberProfiles.memberId, await memberIdOf(lineUserId)))).toBe(1);
    expect(await balance(cookie)).toBe(100);
  });

  it('awards the bonus once when two first saves arrive together', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const results = await Promise.all([put(cookie, validProfile), put(cookie, validProfile), put(cookie, validProfile)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await balance(cookie)).toBe(100);
  });

  it('writes the birthday to the member and issues the birthday-month coupon once, with one queued push', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    const saved = await put(cookie, { ...validProfile, birthday: '1992-11-05' });
    expect(await saved.json()).toMatchObject({ birthdayCouponIssued: true });
    expect(await (await put(cookie, { ...validProfile, birthday: '1992-11-05' })).json()).toMatchObject({ birthdayCouponIssued: false });
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    expect(member!.birthday).toBe('1992-11-05');
    const coupons = (await (await t.app.request('/api/me/coupons', { headers: { cookie } })).json()) as { coupons: Array<{ kind: string; status: string }> };
    expect(coupons.coupons).toEqual([expect.objectContaining({ kind: 'birthday', status: 'usable' })]);
    const pushes = await database.db.select().from(lineOutbox).where(eq(lineOutbox.lineUserId, lineUserId));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.causeKey).toMatch(/^birthday-coupon:/);
  });

  it('lets the birthday change once, then refuses further changes so the coupon cannot be farmed', async () => {
    const lineUserId = newLineUserId();
    const { cookie } = await t.signIn(lineUserId);
    await put(cookie, { ...validProfile, birthday: '1990-04-12' });
    const change = await put(cookie, { ...validProfile, birthday: '1990-05-12' });
    expect(await change.json()).toMatchObject({ view: { birthdayEditable: false } });
    const again = await put(cookie, { ...validProfile, birthday: '1990-11-12' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'birthday_locked', fields: { birthday: 'profile.error.birthdayLocked' } } });
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    expect(member!.birthday).toBe('1990-05-12');
    expect(await (await t.app.request('/api/me/coupons', { headers: { cookie } })).json()).toEqual({ coupons: [] });
  });

  it('with the staff-only policy, refuses any change of a set birthday', async () => {
    const staffOnly = await createTestApp(database, { program: { ...defaultProgramConfig, profile: { birthdayChange: 'staff' } } });
    const { cookie } = await staffOnly.signIn(newLineUserId());
    const send = (body: unknown) => staffOnly.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie }, body: JSON.stringify(body) });
    expect((await send(validProfile)).status).toBe(200);
    expect((await send({ ...validProfile, birthday: '1990-04-13' })).status).toBe(409);
    expect((await send({ ...validProfile, phone: '08011112222' })).status).toBe(200);
  });

  it('refuses a birthday after today (Tokyo)', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const response = await put(cookie, { ...validProfile, birthday: '2026-11-24' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { birthday: 'profile.error.birthday' } } });
  });

  it('refuses malformed JSON and a missing session with clear errors', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const malformed = await t.app.request('/api/me/profile', { method: 'PUT', headers: { ...json, cookie }, body: '{"familyName":' });
    expect(malformed.status).toBe(400);
    expect((await t.app.request('/api/me/profile', { method: 'PUT', headers: json, body: JSON.stringify(validProfile) })).status).toBe(401);
  });
});
