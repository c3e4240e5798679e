import { eq } from 'drizzle-orm';
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
