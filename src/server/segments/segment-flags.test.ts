import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentFilter } from '../../contract/segments';
import type { Database, DatabaseHandle } from '../db/database';
import { generateDemoData } from '../demo-data/demo-data';
import { forgetFriend, recordFriendStatus } from '../line/line-friends.repository';
import { endActiveLink, insertLink } from '../linking/linking.repository';
import { defaultProgramConfig } from '../loyalty/program-config';
import { anonymiseMember, findOrCreateMemberByLineUser } from '../members/members.repository';
import { deleteProfile, saveProfileRow, type ProfileFields } from '../profile/profile.repository';
import { testDatabaseTargets } from '../testing/test-databases';
import { compileSegmentFilter } from './segment-rules';
import { rebuildSegmentFlags } from '../members/segment-flags';
import { sampleMembers } from './segments.repository';

/**
 * members.is_friend / is_linked / has_profile / marketing_consent (migration 0015) must always say
 * what line_friends, member_links and member_profiles say, whoever wrote those and in whatever
 * order; and the filters reading the flags must pick exactly the members the former joins picked
 * (kept here as the reference).
 */
const program = defaultProgramConfig;
const until = new Date('2026-11-23T15:00:00Z');
const context = { now: until, program };

const filters: SegmentFilter[] = [
  { friendship: 'friend' },
  { friendship: 'blocked' },
  { linked: true },
  { linked: false },
  { profileCompleted: true },
  { profileCompleted: false },
  { marketingConsent: true },
  { marketingConsent: false },
  { marketingConsent: true, friendship: 'friend', linked: false },
  { profileCompleted: true, marketingConsent: false, friendship: 'blocked' },
];

/** The filter as segment-rules.ts compiled it before the flags: each condition read its own table. */
function referenceWhere(filter: SegmentFilter): SQL {
  const friend = sql`(SELECT f.is_friend FROM line_friends f WHERE f.line_user_id = m.line_user_id)`;
  const link = sql`EXISTS (SELECT 1 FROM member_links l WHERE l.member_id = m.id AND l.unlinked_at IS NULL)`;
  const profile = sql`EXISTS (SELECT 1 FROM member_profiles p WHERE p.member_id = m.id)`;
  const consent = sql`(SELECT p.marketing_consent FROM member_profiles p WHERE p.member_id = m.id)`;
  const conditions = [sql`m.line_user_id IS NOT NULL`];
  if (filter.friendship !== undefined) conditions.push(filter.friendship === 'friend' ? sql`${friend} IS TRUE` : sql`${friend} IS FALSE`);
  if (filter.linked !== undefined) conditions.push(filter.linked ? link : sql`NOT ${link}`);
  if (filter.profileCompleted !== undefined) conditions.push(filter.profileCompleted ? profile : sql`NOT ${profile}`);
  if (filter.marketingConsent !== undefined) conditions.push(filter.marketingConsent ? sql`${consent} IS TRUE` : sql`${consent} IS NOT TRUE`);
  return sql.join(conditions, sql` AND `);
}

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Members whose flags differ from the three tables. */
async function wrongFlags(db: Database): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM members m
      WHERE (m.is_friend, m.is_linked, m.has_profile, m.marketing_consent) IS DISTINCT FROM (
        (SELECT f.is_friend FROM line_friends f WHERE f.line_user_id = m.line_user_id),
        EXISTS (SELECT 1 FROM member_links l WHERE l.member_id = m.id AND l.unlinked_at IS NULL),
        EXISTS (SELECT 1 FROM member_profiles p WHERE p.member_id = m.id),
        coalesce((SELECT p.marketing_consent FROM member_profiles p WHERE p.member_id = m.id), false))`,
  );
  return row!.n;
}

const memberNumbers = async (db: Database, where: SQL) => (await sampleMembers(db, where, 1_000_000)).map((m) => m.member_number);

async function expectFiltersEqualReference(db: Database) {
  for (const filter of filters) {
    expect(await memberNumbers(db, compileSegmentFilter(filter, context)), JSON.stringify(filter)).toEqual(await memberNumbers(db, referenceWhere(filter)));
  }
}

const profileFields = (marketingConsent: boolean): ProfileFields => ({
  familyName: '山田',
  givenName: '花子',
  familyKana: 'ヤマダ',
  givenKana: 'ハナコ',
  phone: '09012345678',
  email: 'hanako@example.jp',
  postalCode: '1500001',
  prefecture: '東京都',
  city: '渋谷区',
  street: '神宮前1-1-1',
  building: '',
  marketingConsent,
  birthdayChanges: 0,
});

const flagsOf = async (db: Database, memberId: string) =>
  (
    await rows<{ is_friend: boolean | null; is_linked: boolean; has_profile: boolean; marketing_consent: boolean }>(
      db,
      sql`SELECT is_friend, is_linked, has_profile, marketing_consent FROM members WHERE id = ${memberId}::uuid`,
    )
  )[0];

describe.each(testDatabaseTargets())('segment flags on members on $name', ({ name, open }) => {
  let database: DatabaseHandle;
  let memberIds: string[];

  beforeAll(async () => {
    database = await open();
    // Triggers on: every flag is written by the triggers, row by row.
    await generateDemoData(database.db, program, { members: 200, seed: 11, until, months: 12, batchSize: 100, fireTriggers: true });
    memberIds = (await rows<{ id: string }>(database.db, sql`SELECT id FROM members ORDER BY member_number`)).map((r) => r.id);
  }, 240_000);
  afterAll(async () => {
    await database.close();
  });

  it('kept by the triggers on generated data: every flag true, every filter non-trivial and equal to the joins', async () => {
    const { db } = database;
    expect(await wrongFlags(db)).toBe(0);
    for (const filter of filters.slice(0, 8)) {
      const picked = (await memberNumbers(db, compileSegmentFilter(filter, context))).length;
      expect(picked, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(picked, JSON.stringify(filter)).toBeLessThan(memberIds.length);
    }
    await expectFiltersEqualReference(db);
  }, 120_000);

  it('follows, blocks, stale events, forgotten friends, links, unlinks, profiles, consent changes, moved cards and withdrawals', async () => {
    const { db } = database;
    const [a, b, c, d, e, f] = memberIds;
    const lineUserOf = async (id: string) => (await rows<{ line_user_id: string }>(db, sql`SELECT line_user_id FROM members WHERE id = ${id}::uuid`))[0]!.line_user_id;

    // Friend status: block, an older follow arriving late (ignored), follow again, forgotten.
    const userA = await lineUserOf(a!);
    await recordFriendStatus(db, { lineUserId: userA, isFriend: false, at: new Date('2026-11-24T00:00:00Z') });
    expect((await flagsOf(db, a!))!.is_friend).toBe(false);
    await recordFriendStatus(db, { lineUserId: userA, isFriend: true, at: new Date('2026-11-23T00:00:00Z') });
    expect((await flagsOf(db, a!))!.is_friend).toBe(false);
    await recordFriendStatus(db, { lineUserId: userA, isFriend: true, at: new Date('2026-11-25T00:00:00Z') });
    expect((await flagsOf(db, a!))!.is_friend).toBe(true);
    await forgetFriend(db, await lineUserOf(b!));
    expect((await flagsOf(db, b!))!.is_friend).toBe(null);

    // A LINE user who blocked the account before registering, then one who followed: the card knows at once.
    await recordFriendStatus(db, { lineUserId: 'Uflags-blocked-first', isFriend: false, at: until });
    await recordFriendStatus(db, { lineUserId: 'Uflags-friend-first', isFriend: true, at: until });
    const blockedFirst = await findOrCreateMemberByLineUser(db, { lineUserId: 'Uflags-blocked-first', displayName: undefined, memberNumberPrefix: '88' });
    const friendFirst = await findOrCreateMemberByLineUser(db, { lineUserId: 'Uflags-friend-first', displayName: undefined, memberNumberPrefix: '88' });
    expect((await flagsOf(db, blockedFirst.member.id))!.is_friend).toBe(false);
    expect((await flagsOf(db, friendFirst.member.id))!.is_friend).toBe(true);
    // A card moved to another LINE account takes that account's status; a card whose account is gone has none.
    await db.execute(sql`UPDATE members SET line_user_id = NULL WHERE id = ${blockedFirst.member.id}::uuid`);
    await db.execute(sql`UPDATE members SET line_user_id = 'Uflags-blocked-first' WHERE id = ${c!}::uuid`);
    expect((await flagsOf(db, c!))!.is_friend).toBe(false);
    expect((await flagsOf(db, blockedFirst.member.id))!.is_friend).toBe(null);

    // Links: linked, unlinked, linked again to another CRM member, a link row deleted.
    await endActiveLink(db, d!, until);
    await insertLink(db, { memberId: d!, crmMemberId: 'flags-crm-1', crmMemberNumber: 'C1', linkedAt: until });
    expect((await flagsOf(db, d!))!.is_linked).toBe(true);
    await endActiveLink(db, d!, until);
    expect((await flagsOf(db, d!))!.is_linked).toBe(false);
    await insertLink(db, { memberId: d!, crmMemberId: 'flags-crm-2', crmMemberNumber: 'C2', linkedAt: until });
    await db.execute(sql`DELETE FROM member_links WHERE crm_member_id = 'flags-crm-1'`);
    expect((await flagsOf(db, d!))!.is_linked).toBe(true);
    await db.execute(sql`DELETE FROM member_links WHERE crm_member_id = 'flags-crm-2'`);
    expect((await flagsOf(db, d!))!.is_linked).toBe(false);

    // Profiles: saved without consent, consent given, saved again unchanged, deleted.
    await deleteProfile(db, e!);
    await saveProfileRow(db, e!, profileFields(false), until);
    expect(await flagsOf(db, e!)).toMatchObject({ has_profile: true, marketing_consent: false });
    await saveProfileRow(db, e!, profileFields(true), until);
    await saveProfileRow(db, e!, profileFields(true), until);
    expect(await flagsOf(db, e!)).toMatchObject({ has_profile: true, marketing_consent: true });
    await deleteProfile(db, e!);
    expect(await flagsOf(db, e!)).toMatchObject({ has_profile: false, marketing_consent: false });

    // Withdrawal (as the withdrawal service erases): no LINE account, no profile.
    await db.transaction(async (tx) => {
      await deleteProfile(tx, f!);
      await anonymiseMember(tx, f!, `withdrawn:${f}`);
    });
    expect(await flagsOf(db, f!)).toMatchObject({ is_friend: null, has_profile: false, marketing_consent: false });

    // The same in bulk, set-based, as an operator's fix would write it.
    await db.execute(sql`UPDATE line_friends SET is_friend = NOT is_friend WHERE line_user_id IN (SELECT line_user_id FROM members WHERE member_number LIKE '%3')`);
    await db.execute(sql`UPDATE member_profiles SET marketing_consent = NOT marketing_consent WHERE member_id IN (SELECT id FROM members WHERE member_number LIKE '%7')`);
    await db.execute(sql`UPDATE member_links SET unlinked_at = linked_at + interval '1 day' WHERE unlinked_at IS NULL AND member_id IN (SELECT id FROM members WHERE member_number LIKE '%1')`);

    expect(await wrongFlags(db)).toBe(0);
    await expectFiltersEqualReference(db);
  }, 120_000);

  it('rebuilt: flags written wrong by hand are found and set right; on a kept database it changes nothing', async () => {
    const { db } = database;
    expect(await rebuildSegmentFlags(db)).toBe(0);
    const spoiled = await rows<{ id: string }>(
      db,
      sql`UPDATE members SET is_friend = NOT coalesce(is_friend, false), is_linked = NOT is_linked WHERE member_number LIKE '%5' RETURNING id`,
    );
    expect(spoiled.length).toBeGreaterThan(0);
    expect(await wrongFlags(db)).toBe(spoiled.length);
    expect(await rebuildSegmentFlags(db)).toBe(spoiled.length);
    expect(await wrongFlags(db)).toBe(0);
    await expectFiltersEqualReference(db);
  }, 120_000);

  it.runIf(name === 'postgres')('a follow and a registration of the same LINE user at the same moment: the later sees the earlier, in either order', async () => {
    const { db } = database;
    // Until the second writer waits on the lock, or has finished without waiting (no lock: the test then fails below).
    const waitingOnTheLockOr = async (second: Promise<unknown>) => {
      let finished = false;
      void second.finally(() => (finished = true)).catch(() => undefined);
      while (!finished) {
        const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`);
        if (row!.n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const register = (tx: Database, lineUserId: string) => findOrCreateMemberByLineUser(tx, { lineUserId, displayName: undefined, memberNumberPrefix: '89' });

    // The registration first, uncommitted, while the follow arrives: the follow waits, then marks the card.
    let finishRegistration!: () => void;
    const registrationHeld = new Promise<void>((resolve) => (finishRegistration = resolve));
    let registered!: () => void;
    const registrationWritten = new Promise<void>((resolve) => (registered = resolve));
    const registration = db.transaction(async (tx) => {
      const { member } = await register(tx as unknown as Database, 'Urace-register-first');
      registered();
      await registrationHeld;
      return member.id;
    });
    await registrationWritten;
    const follow = recordFriendStatus(db, { lineUserId: 'Urace-register-first', isFriend: true, at: until });
    await waitingOnTheLockOr(follow);
    finishRegistration();
    const memberId = await registration;
    await follow;
    expect((await flagsOf(db, memberId))!.is_friend).toBe(true);

    // The follow first, uncommitted, while the card is registered: the registration waits, then reads the follow.
    let finishFollow!: () => void;
    const followHeld = new Promise<void>((resolve) => (finishFollow = resolve));
    let followed!: () => void;
    const followWritten = new Promise<void>((resolve) => (followed = resolve));
    const follow2 = db.transaction(async (tx) => {
      await recordFriendStatus(tx, { lineUserId: 'Urace-follow-first', isFriend: true, at: until });
      followed();
      await followHeld;
    });
    await followWritten;
    const registration2 = register(db, 'Urace-follow-first');
    await waitingOnTheLockOr(registration2);
    finishFollow();
    await follow2;
    const { member } = await registration2;
    expect((await flagsOf(db, member.id))!.is_friend).toBe(true);
    expect(await wrongFlags(db)).toBe(0);
  }, 60_000);
});
