import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { memberProfiles } from '../db/schema/profile';
import type { Tx } from '../db/transaction';

export type ProfileRow = typeof memberProfiles.$inferSelect;
export type ProfileFields = Omit<ProfileRow, 'memberId' | 'termsAcceptedAt' | 'completedAt' | 'updatedAt'>;

export async function findProfile(db: Database | Tx, memberId: string): Promise<ProfileRow | undefined> {
  const [profile] = await db.select().from(memberProfiles).where(eq(memberProfiles.memberId, memberId));
  return profile;
}

/** Saves the profile; the first save also records the terms acceptance and the completion. */
export async function saveProfileRow(db: Database | Tx, memberId: string, fields: ProfileFields, now: Date): Promise<ProfileRow> {
  const values = { ...fields, updatedAt: now };
  const [saved] = await db
    .insert(memberProfiles)
    .values({ memberId, ...values, termsAcceptedAt: now, completedAt: now })
    .onConflictDoUpdate({ target: memberProfiles.memberId, set: values })
    .returning();
  return saved!;
}

/** Withdrawal and card recovery erase the profile: what the shopper typed leaves with them. */
export async function deleteProfile(db: Database | Tx, memberId: string): Promise<void> {
  await db.delete(memberProfiles).where(eq(memberProfiles.memberId, memberId));
}
