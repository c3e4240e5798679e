import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { members } from '../db/schema/members';
import { generateMemberNumber } from './member-number';

export type MemberRow = typeof members.$inferSelect;

const MAX_NUMBER_ATTEMPTS = 8;

/**
 * ID-first registration: the first verified session of a LINE user creates the member.
 * `ON CONFLICT DO NOTHING` makes two simultaneous first opens end in one member; a clash on
 * the random member number just draws another.
 */
export async function findOrCreateMemberByLineUser(
  db: Database,
  input: { lineUserId: string; displayName: string | undefined; memberNumberPrefix: string },
): Promise<{ member: MemberRow; created: boolean }> {
  for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
    const existing = await findMemberByLineUser(db, input.lineUserId);
    if (existing) return { member: existing, created: false };
    const inserted = await db
      .insert(members)
      .values({
        lineUserId: input.lineUserId,
        memberNumber: generateMemberNumber(input.memberNumberPrefix),
        displayName: input.displayName ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) return { member: inserted[0], created: true };
  }
  throw new Error('Could not allocate a unique member number');
}

export async function findMemberByLineUser(db: Database, lineUserId: string): Promise<MemberRow | undefined> {
  const rows = await db.select().from(members).where(eq(members.lineUserId, lineUserId)).limit(1);
  return rows[0];
}

export async function findMemberById(db: Database, memberId: string): Promise<MemberRow | undefined> {
  const rows = await db.select().from(members).where(eq(members.id, memberId)).limit(1);
  return rows[0];
}

/**
 * Ends every shopper session of the member issued so far (tokens carry the generation) and
 * answers the new generation, for a session issued in the same step (null when nothing changed:
 * no such member, or `onlyFromGeneration` is no longer current). Pass the caller's
 * transaction so the sessions end exactly when the change that ends them commits.
 */
export async function endMemberSessions(db: Database, memberId: string, onlyFromGeneration?: number): Promise<number | null> {
  const [row] = await db
    .update(members)
    .set({ sessionGeneration: sql`${members.sessionGeneration} + 1` })
    .where(and(eq(members.id, memberId), onlyFromGeneration === undefined ? undefined : eq(members.sessionGeneration, onlyFromGeneration)))
    .returning({ sessionGeneration: members.sessionGeneration });
  return row?.sessionGeneration ?? null;
}
