import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { crmMemberBenefits, linkTargetGuards, memberLinks, memberNumberAliases, membershipAudit } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import type { Tx } from '../db/transaction';

type Db = Database | Tx;
export type MemberLinkRow = typeof memberLinks.$inferSelect;

export type AuditEntry = {
  action: 'link_attempt' | 'unlink' | 'withdraw';
  outcome: string;
  memberId: string | null;
  clientAddress: string;
  detail?: Record<string, unknown>;
  now: Date;
};

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const { now, ...row } = entry;
  await db.insert(membershipAudit).values({ ...row, detail: row.detail ?? {}, createdAt: now });
}

/** When the latest failed link attempts of a member or a client address happened, newest first. */
export async function recentLinkFailures(db: Database, by: { memberId: string } | { clientAddress: string }, limit: number): Promise<Date[]> {
  const rows = await db
    .select({ at: membershipAudit.createdAt })
    .from(membershipAudit)
    .where(
      and(
        eq(membershipAudit.action, 'link_attempt'),
        // Asking about a held card without both factors also counts: it tells whether a number is held.
        inArray(membershipAudit.outcome, ['mismatch', 'recovery_needs_phone']),
        'memberId' in by ? eq(membershipAudit.memberId, by.memberId) : eq(membershipAudit.clientAddress, by.clientAddress),
      ),
    )
    .orderBy(desc(membershipAudit.createdAt))
    .limit(limit);
  return rows.map((r) => r.at);
}

/** The second factors a card of ours is checked against: the member's birthday and its profile's phone. */
export async function findOwnCardFactors(db: Database, memberId: string): Promise<{ birthday: string | null; phone: string | null } | undefined> {
  const [row] = await db
    .select({ birthday: members.birthday, phone: memberProfiles.phone })
    .from(members)
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.id))
    .where(eq(members.id, memberId));
  return row;
}

export async function findActiveLink(db: Db, memberId: string): Promise<MemberLinkRow | undefined> {
  const [link] = await db.select().from(memberLinks).where(and(eq(memberLinks.memberId, memberId), isNull(memberLinks.unlinkedAt)));
  return link;
}

export async function insertLink(db: Db, link: { memberId: string; crmMemberId: string; crmMemberNumber: string; linkedAt: Date }): Promise<void> {
  await db.insert(memberLinks).values(link);
}

/** Ends the member's active link; undefined when there was none. */
export async function endActiveLink(db: Db, memberId: string, now: Date): Promise<MemberLinkRow | undefined> {
  const [link] = await db.update(memberLinks).set({ unlinkedAt: now }).where(and(eq(memberLinks.memberId, memberId), isNull(memberLinks.unlinkedAt))).returning();
  return link;
}

/** Records a one-time benefit of a CRM member; false when it was recorded before (then nothing is granted). */
export async function recordBenefitOnce(
  db: Db,
  benefit: { crmMemberId: string; kind: 'points_transfer' | 'link_incentive'; memberId: string; points: number; grantedAt: Date },
): Promise<boolean> {
  const rows = await db.insert(crmMemberBenefits).values(benefit).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** The old number keeps scanning as this member's card. */
export async function keepNumberScannable(db: Db, number: string, memberId: string, now: Date): Promise<void> {
  await db
    .insert(memberNumberAliases)
    .values({ number, memberId, createdAt: now })
    .onConflictDoUpdate({ target: memberNumberAliases.number, set: { memberId, createdAt: now } });
}

export async function removeScannableNumber(db: Db, number: string, memberId: string): Promise<void> {
  await db.delete(memberNumberAliases).where(and(eq(memberNumberAliases.number, number), eq(memberNumberAliases.memberId, memberId)));
}

export async function removeScannableNumbers(db: Db, memberId: string): Promise<void> {
  await db.delete(memberNumberAliases).where(eq(memberNumberAliases.memberId, memberId));
}

export async function findLinkedCrmMembers(db: Db, memberId: string): Promise<{ id: number; crmMemberId: string }[]> {
  return db.select({ id: memberLinks.id, crmMemberId: memberLinks.crmMemberId }).from(memberLinks).where(eq(memberLinks.memberId, memberId));
}

/**
 * Cuts every join from the member to CRM records: link rows lose the CRM ids (their dates stay),
 * benefits lose the member, audit details lose the numbers (the ledger's transfer reasons are
 * loyalty's: `eraseTransferReasons`).
 */
export async function eraseCrmReferences(db: Db, memberId: string): Promise<void> {
  await db.update(memberLinks).set({ crmMemberId: 'erased', crmMemberNumber: 'erased' }).where(eq(memberLinks.memberId, memberId));
  await db.update(crmMemberBenefits).set({ memberId: null }).where(eq(crmMemberBenefits.memberId, memberId));
  await db
    .update(membershipAudit)
    .set({ detail: sql`${membershipAudit.detail} - 'memberNumber' - 'crmMemberId'` })
    .where(eq(membershipAudit.memberId, memberId));
}

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
