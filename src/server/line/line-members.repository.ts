import { and, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db/database';
import { lineFriends, memberTierSnapshots } from '../db/schema/line';
import { memberLinks } from '../db/schema/linking';
import { coupons } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import type { Tx } from '../db/transaction';

type Db = Database | Tx;

/** Every member with a LINE account, with what decides whether pushes may reach them. */
export async function listLineMembers(db: Database): Promise<{ id: string; lineUserId: string | null; consent: boolean | null; friend: boolean | null }[]> {
  return db
    .select({ id: members.id, lineUserId: members.lineUserId, consent: memberProfiles.marketingConsent, friend: lineFriends.isFriend })
    .from(members)
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.id))
    .leftJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(isNotNull(members.lineUserId));
}

/** The tier the daily job last saw for the member (its rich menu follows it). */
export async function findTierSnapshot(db: Db, memberId: string): Promise<{ tierId: string } | undefined> {
  const [snapshot] = await db.select({ tierId: memberTierSnapshots.tierId }).from(memberTierSnapshots).where(eq(memberTierSnapshots.memberId, memberId));
  return snapshot;
}

export async function saveTierSnapshot(db: Database, memberId: string, tierId: string, now: Date): Promise<void> {
  await db
    .insert(memberTierSnapshots)
    .values({ memberId, tierId, seenAt: now })
    .onConflictDoUpdate({ target: memberTierSnapshots.memberId, set: { tierId, seenAt: now } });
}

export async function hasActiveLink(db: Db, memberId: string): Promise<boolean> {
  const [link] = await db
    .select({ id: memberLinks.id })
    .from(memberLinks)
    .where(and(eq(memberLinks.memberId, memberId), isNull(memberLinks.unlinkedAt)));
  return Boolean(link);
}

/** Birthday coupons of the member issued since `since`, to announce. */
export async function birthdayCouponsIssuedSince(db: Database, memberId: string, since: Date): Promise<{ id: string; title: string }[]> {
  return db
    .select({ id: coupons.id, title: coupons.title })
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), eq(coupons.kind, 'birthday'), gte(coupons.issuedAt, since)));
}
