import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { StaffRole } from '../../contract/staff';
import type { Database } from '../db/database';
import { members } from '../db/schema/members';
import { staffAccounts, staffAuditLog, usedRotatingCodes } from '../db/schema/staff';

export type StaffAccountRow = typeof staffAccounts.$inferSelect;

/** Repeated wrong passwords lock the account for a while; the count resets on a good login. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;

export async function findStaffByUsername(db: Database, username: string): Promise<StaffAccountRow | undefined> {
  const rows = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username)).limit(1);
  return rows[0];
}

export async function findStaffById(db: Database, staffId: string): Promise<StaffAccountRow | undefined> {
  const rows = await db.select().from(staffAccounts).where(eq(staffAccounts.id, staffId)).limit(1);
  return rows[0];
}

/** Counts a failure atomically (parallel guesses cannot slip past the limit) and locks at the limit. */
export async function recordFailedLogin(db: Database, staffId: string, now: Date): Promise<{ lockedUntil: Date | null }> {
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  const [row] = await db
    .update(staffAccounts)
    .set({
      failedLogins: sql`${staffAccounts.failedLogins} + 1`,
      lockedUntil: sql`CASE WHEN ${staffAccounts.failedLogins} + 1 >= ${LOCKOUT.maxFailures} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${staffAccounts.lockedUntil} END`,
    })
    .where(eq(staffAccounts.id, staffId))
    .returning({ lockedUntil: staffAccounts.lockedUntil });
  return { lockedUntil: row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
}

export async function recordGoodLogin(db: Database, staffId: string): Promise<void> {
  await db.update(staffAccounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(staffAccounts.id, staffId));
}

/** Logout ends every session of the account issued so far (stateless tokens, revoked by generation). */
export async function endStaffSessions(db: Database, staffId: string): Promise<void> {
  await db
    .update(staffAccounts)
    .set({ sessionGeneration: sql`${staffAccounts.sessionGeneration} + 1` })
    .where(eq(staffAccounts.id, staffId));
}

export async function createStaffAccount(
  db: Database,
  input: { username: string; displayName: string; storeId: string; role: StaffRole; passwordHash: string },
): Promise<void> {
  await db.insert(staffAccounts).values(input).onConflictDoNothing();
}

export type AuditRecord = {
  at: Date;
  staffId: string | null;
  username: string;
  storeId: string | null;
  memberId?: string | null;
  action: string;
  result: 'ok' | 'refused';
  detail?: Record<string, unknown>;
};

export async function recordAudit(db: Database, entry: AuditRecord): Promise<void> {
  await db.insert(staffAuditLog).values({ ...entry, memberId: entry.memberId ?? null, detail: entry.detail ?? {} });
}

export async function listAudit(db: Database, filter: { storeId: string | null; limit: number }) {
  return db
    .select({
      id: staffAuditLog.id,
      at: staffAuditLog.at,
      username: staffAuditLog.username,
      storeId: staffAuditLog.storeId,
      memberNumber: members.memberNumber,
      action: staffAuditLog.action,
      result: staffAuditLog.result,
      detail: staffAuditLog.detail,
    })
    .from(staffAuditLog)
    .leftJoin(members, eq(members.id, staffAuditLog.memberId))
    .where(filter.storeId === null ? undefined : eq(staffAuditLog.storeId, filter.storeId))
    .orderBy(desc(staffAuditLog.id))
    .limit(filter.limit);
}

/** Purchase voids each staff account carried out in [from, to] (first voids only, not replays). */
export async function voidsByStaffBetween(db: Database, filter: { from: Date; to: Date; storeId: string | null }) {
  const rows = await db
    .select({ staffId: staffAuditLog.staffId, username: staffAuditLog.username, voids: sql<string>`count(*)` })
    .from(staffAuditLog)
    .where(
      and(
        eq(staffAuditLog.action, 'purchase_void'),
        eq(staffAuditLog.result, 'ok'),
        sql`coalesce((${staffAuditLog.detail} ->> 'replayed')::boolean, false) = false`,
        gte(staffAuditLog.at, filter.from),
        lte(staffAuditLog.at, filter.to),
        filter.storeId === null ? undefined : eq(staffAuditLog.storeId, filter.storeId),
      ),
    )
    .groupBy(staffAuditLog.staffId, staffAuditLog.username);
  return rows.map((r) => ({ staffId: r.staffId ?? '', username: r.username, voids: Number(r.voids) }));
}

/**
 * Marks a rotating code as spent. False when another action attempt already used it (a replay);
 * the same attempt retried (same idempotency key) may use it again.
 */
export async function claimRotatingCode(
  db: Database,
  input: { memberId: string; timeStep: number; idempotencyKey: string; action: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(usedRotatingCodes)
    .values({ memberId: input.memberId, timeStep: input.timeStep, idempotencyKey: input.idempotencyKey, action: input.action, usedAt: input.now })
    .onConflictDoNothing()
    .returning({ id: usedRotatingCodes.id });
  if (inserted.length > 0) return true;
  const [existing] = await db
    .select({ idempotencyKey: usedRotatingCodes.idempotencyKey })
    .from(usedRotatingCodes)
    .where(and(eq(usedRotatingCodes.memberId, input.memberId), eq(usedRotatingCodes.timeStep, input.timeStep)));
  return existing?.idempotencyKey === input.idempotencyKey;
}

/** A refused spend gives the code back, so the shopper need not wait for the next one. */
export async function releaseRotatingCode(db: Database, input: { memberId: string; timeStep: number; idempotencyKey: string }) {
  await db
    .delete(usedRotatingCodes)
    .where(
      and(
        eq(usedRotatingCodes.memberId, input.memberId),
        eq(usedRotatingCodes.timeStep, input.timeStep),
        eq(usedRotatingCodes.idempotencyKey, input.idempotencyKey),
      ),
    );
}
