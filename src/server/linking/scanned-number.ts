import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { memberNumberAliases } from '../db/schema/linking';
import { members } from '../db/schema/members';

/**
 * The member a scanned number belongs to: the card's own number, or an old paper-card number
 * that stays scannable after a link (programme config `linking.oldNumber: keep-scannable`).
 * For the clerk console's scan lookup.
 */
export async function findMemberIdByScannedNumber(db: Database, scanned: string): Promise<string | null> {
  const [own] = await db.select({ id: members.id }).from(members).where(eq(members.memberNumber, scanned));
  if (own) return own.id;
  const [alias] = await db.select({ id: memberNumberAliases.memberId }).from(memberNumberAliases).where(eq(memberNumberAliases.number, scanned));
  return alias?.id ?? null;
}
