import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { linkTargetGuards, memberLinks } from '../db/schema/linking';
import { members } from '../db/schema/members';

export type TargetRule = { maxFailures: number; windowMinutes: number; lockoutMinutes: number };

export type TargetReservation =
  | { ok: true }
  /** `lockedNow`: this attempt is the one that locked the target (its holder is told once). */
  | { ok: false; lockedUntil: Date; lockedNow: boolean };

/**
 * Reserves one attempt at a membership before its second factor is checked: one statement under
 * the row lock, so parallel guesses from any process count one by one. The attempt past the
 * limit locks the target; a locked target is not counted further. A window that has passed, or a
 * lock that has ended, starts the count again.
 */
export async function reserveTargetAttempt(db: Database, target: string, rule: TargetRule, now: Date): Promise<TargetReservation> {
  const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + rule.lockoutMinutes * 60_000);
  const g = linkTargetGuards;
  const restart = sql`(${g.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz OR (${g.lockedUntil} IS NOT NULL AND ${g.lockedUntil} <= ${now.toISOString()}::timestamptz))`;
  const [row] = await db
    .insert(g)
    .values({ target, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: g.target,
      set: {
        failures: sql`CASE WHEN ${restart} THEN 1 ELSE ${g.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${restart} THEN ${now.toISOString()}::timestamptz ELSE ${g.windowStartedAt} END`,
        lockedUntil: sql`CASE WHEN ${restart} THEN NULL WHEN ${g.failures} + 1 > ${rule.maxFailures} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${g.lockedUntil} END`,
      },
      setWhere: sql`${g.lockedUntil} IS NULL OR ${g.lockedUntil} <= ${now.toISOString()}::timestamptz`,
    })
    .returning({ failures: g.failures, lockedUntil: g.lockedUntil });
  if (row) {
    if (row.failures <= rule.maxFailures) return { ok: true };
    return { ok: false, lockedUntil: row.lockedUntil ?? lockUntil, lockedNow: true };
  }
  const [locked] = await db.select({ lockedUntil: g.lockedUntil }).from(g).where(eq(g.target, target));
  return { ok: false, lockedUntil: locked?.lockedUntil ?? lockUntil, lockedNow: false };
}

/** A verified attempt was no guess: it gives its reservation back (a lock already reached stays). */
export async function releaseTargetAttempt(db: Database, target: string): Promise<void> {
  await db
    .update(linkTargetGuards)
    .set({ failures: sql`GREATEST(${linkTargetGuards.failures} - 1, 0)` })
    .where(and(eq(linkTargetGuards.target, target), isNull(linkTargetGuards.lockedUntil)));
}

/**
 * Who holds the membership with this number on LINE today: the member whose own card has the
 * number, or the member an active link joins to the CRM membership with it. Null when nobody does.
 */
export async function findTargetHolder(
  db: Database,
  memberNumber: string,
): Promise<{ memberId: string; lineUserId: string; via: 'own-card' | 'crm'; crmMemberId: string | null } | null> {
  const [own] = await db
    .select({ memberId: members.id, lineUserId: members.lineUserId })
    .from(members)
    .where(and(eq(members.memberNumber, memberNumber), isNotNull(members.lineUserId)));
  if (own?.lineUserId) return { memberId: own.memberId, lineUserId: own.lineUserId, via: 'own-card', crmMemberId: null };
  const [linked] = await db
    .select({ memberId: members.id, lineUserId: members.lineUserId, crmMemberId: memberLinks.crmMemberId })
    .from(memberLinks)
    .innerJoin(members, eq(members.id, memberLinks.memberId))
    .where(and(eq(memberLinks.crmMemberNumber, memberNumber), isNull(memberLinks.unlinkedAt), isNotNull(members.lineUserId)));
  if (linked?.lineUserId) return { memberId: linked.memberId, lineUserId: linked.lineUserId, via: 'crm', crmMemberId: linked.crmMemberId };
  return null;
}
