import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { memberNumberAliases } from '../db/schema/linking';
import { members } from '../db/schema/members';
import type { Tx } from '../db/transaction';
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

/**
 * A member with a chosen number, for seeded development data: created once, found again on the
 * next seed (undefined when the number already belongs to another LINE user).
 */
export async function ensureSeededMember(
  db: Database,
  input: { lineUserId: string; memberNumber: string; displayName: string; createdAt: Date },
): Promise<{ id: string; created: boolean } | undefined> {
  const [created] = await db.insert(members).values(input).onConflictDoNothing().returning({ id: members.id });
  if (created) return { id: created.id, created: true };
  const existing = await findMemberByLineUser(db, input.lineUserId);
  return existing && { id: existing.id, created: false };
}

export async function findMemberByLineUser(db: Database, lineUserId: string): Promise<MemberRow | undefined> {
  const rows = await db.select().from(members).where(eq(members.lineUserId, lineUserId)).limit(1);
  return rows[0];
}

export async function findMemberById(db: Database, memberId: string): Promise<MemberRow | undefined> {
  const rows = await db.select().from(members).where(eq(members.id, memberId)).limit(1);
  return rows[0];
}

export async function findMemberByNumber(db: Database, memberNumber: string): Promise<MemberRow | undefined> {
  const rows = await db.select().from(members).where(eq(members.memberNumber, memberNumber)).limit(1);
  return rows[0];
}

/**
 * The member a scanned number belongs to: the card's own number, or an old paper-card number
 * that stays scannable after a link (programme config `linking.oldNumber: keep-scannable`).
 */
export async function findMemberIdByScannedNumber(db: Database, scanned: string): Promise<string | null> {
  const [own] = await db.select({ id: members.id }).from(members).where(eq(members.memberNumber, scanned));
  if (own) return own.id;
  const [alias] = await db.select({ id: memberNumberAliases.memberId }).from(memberNumberAliases).where(eq(memberNumberAliases.number, scanned));
  return alias?.id ?? null;
}

/**
 * Locks the member row until the transaction ends, so two requests that change one member (a
 * purchase, a redemption, a first completion, a link, a withdrawal) run one after the other, each
 * seeing the state the previous one left. Undefined when there is no such member; callers answer
 * that as a lost session or a refusal.
 */
export async function lockMember(tx: Database | Tx, memberId: string): Promise<MemberRow | undefined> {
  const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return member;
}

/**
 * Leaves the row as an anonymous key (the ledger keeps balancing): no LINE account, name or
 * birthday, and a number that can never be scanned again (`withdrawn:<id>`, `retired:<id>`).
 */
export async function anonymiseMember(db: Database | Tx, memberId: string, retiredNumber: string): Promise<void> {
  await db.update(members).set({ lineUserId: null, displayName: null, birthday: null, memberNumber: retiredNumber }).where(eq(members.id, memberId));
}

/** Hands the member to another LINE account (recovery of a card on a new account). */
export async function assignLineAccount(db: Database | Tx, memberId: string, account: { lineUserId: string; displayName: string | null }): Promise<void> {
  await db.update(members).set(account).where(eq(members.id, memberId));
}

export async function setBirthday(db: Database | Tx, memberId: string, birthday: string): Promise<void> {
  await db.update(members).set({ birthday }).where(eq(members.id, memberId));
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

/** Turns the purchase receipt messages on or off; returns the stored choice. */
export async function setPurchaseReceipts(db: Database, memberId: string, purchaseReceipts: boolean): Promise<boolean> {
  const [row] = await db.update(members).set({ purchaseReceipts }).where(eq(members.id, memberId)).returning({ purchaseReceipts: members.purchaseReceipts });
  return row?.purchaseReceipts ?? purchaseReceipts;
}
