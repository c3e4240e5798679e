import { and, desc, eq, gt, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { StaffRole } from '../../contract/staff';
import type { Database } from '../db/database';
import { members } from '../db/schema/members';
import { staffAccounts, staffAuditLog, staffIdempotencyKeys, staffLoginThrottle, checkoutAuthorisations } from '../db/schema/staff';

export type StaffAccountRow = typeof staffAccounts.$inferSelect;

export async function findStaffByUsername(db: Database, username: string): Promise<StaffAccountRow | undefined> {
  const rows = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username)).limit(1);
  return rows[0];
}

export async function findStaffById(db: Database, staffId: string): Promise<StaffAccountRow | undefined> {
  const rows = await db.select().from(staffAccounts).where(eq(staffAccounts.id, staffId)).limit(1);
  return rows[0];
}

export type LoginReservation =
  /** The attempt may check its password; `ownLock` is the lock this attempt's reservation set (it was the last one allowed). */
  | { admitted: true; account: StaffAccountRow; ownLock: Date | null }
  /** Unknown username, or the account is locked: the caller answers exactly as for a wrong password. */
  | { admitted: false; account: StaffAccountRow | undefined };

/**
 * Reserves a login attempt before any password is checked: one atomic UPDATE counts the attempt
 * as failed until proven good, so parallel guesses cannot all pass the limit while scrypt runs.
 * The attempt that reaches the limit locks the account at once (an attempt that never finishes
 * cannot leave it counted forever: the lock simply runs out). An expired lock starts a fresh count.
 */
export async function reserveLoginAttempt(
  db: Database,
  username: string,
  now: Date,
  limits: { maxFailures: number; lockMinutes: number },
): Promise<LoginReservation> {
  // Read first in every case, so unknown, locked and admitted usernames cost the same queries.
  const existing = await findStaffByUsername(db, username);
  const lockUntil = new Date(now.getTime() + limits.lockMinutes * 60_000);
  const lockExpired = sql`(${staffAccounts.lockedUntil} IS NOT NULL AND ${staffAccounts.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
  const attemptNumber = sql`CASE WHEN ${lockExpired} THEN 1 ELSE ${staffAccounts.failedLogins} + 1 END`;
  const [reserved] = await db
    .update(staffAccounts)
    .set({
      failedLogins: attemptNumber,
      lockedUntil: sql`CASE WHEN ${attemptNumber} >= ${limits.maxFailures} THEN ${lockUntil.toISOString()}::timestamptz WHEN ${lockExpired} THEN NULL ELSE ${staffAccounts.lockedUntil} END`,
    })
    .where(and(eq(staffAccounts.username, username), sql`(${staffAccounts.lockedUntil} IS NULL OR ${lockExpired})`))
    .returning();
  if (!reserved) return { admitted: false, account: existing };
  const ownLock = reserved.lockedUntil && reserved.lockedUntil.getTime() === lockUntil.getTime() ? reserved.lockedUntil : null;
  return { admitted: true, account: reserved, ownLock };
}

/**
 * A good password clears the count, and the lock only when this attempt set it itself: a lock
 * reached by other attempts in the meantime stays until it runs out.
 */
export async function recordGoodLogin(db: Database, staffId: string, ownLock: Date | null): Promise<void> {
  const noForeignLock = ownLock
    ? or(isNull(staffAccounts.lockedUntil), eq(staffAccounts.lockedUntil, ownLock))
    : isNull(staffAccounts.lockedUntil);
  await db.update(staffAccounts).set({ failedLogins: 0, lockedUntil: null }).where(and(eq(staffAccounts.id, staffId), noForeignLock));
}

/** Counts a login attempt from `clientAddress` in the window starting at `windowStart`; returns the count so far. */
export async function reserveAddressAttempt(db: Database, clientAddress: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(staffLoginThrottle)
    .values({ clientAddress, windowStart, attempts: 1 })
    .onConflictDoUpdate({
      target: [staffLoginThrottle.clientAddress, staffLoginThrottle.windowStart],
      set: { attempts: sql`${staffLoginThrottle.attempts} + 1` },
    })
    .returning({ attempts: staffLoginThrottle.attempts });
  return row?.attempts ?? Number.MAX_SAFE_INTEGER;
}

/** A good login gives its attempt back (only failures use up an address's allowance) and drops past windows. */
export async function refundAddressAttempt(db: Database, clientAddress: string, windowStart: Date): Promise<void> {
  await db
    .update(staffLoginThrottle)
    .set({ attempts: sql`GREATEST(${staffLoginThrottle.attempts} - 1, 0)` })
    .where(and(eq(staffLoginThrottle.clientAddress, clientAddress), eq(staffLoginThrottle.windowStart, windowStart)));
  await db.delete(staffLoginThrottle).where(lt(staffLoginThrottle.windowStart, windowStart));
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

export type IdempotencyClaim = 'new' | 'same' | 'reused';

/**
 * Records an Idempotency-Key with its request's fingerprint. `same`: the key was already sent
 * with this very request (a retry, answered by the loyalty service as a replay); `reused`: it
 * was sent with another action or body, and must be refused.
 */
export async function claimIdempotencyKey(db: Database, input: { key: string; action: string; fingerprint: string; now: Date }): Promise<IdempotencyClaim> {
  const inserted = await db
    .insert(staffIdempotencyKeys)
    .values({ key: input.key, action: input.action, fingerprint: input.fingerprint, createdAt: input.now })
    .onConflictDoNothing()
    .returning({ key: staffIdempotencyKeys.key });
  if (inserted.length > 0) return 'new';
  const [existing] = await db.select({ fingerprint: staffIdempotencyKeys.fingerprint }).from(staffIdempotencyKeys).where(eq(staffIdempotencyKeys.key, input.key));
  // Released meanwhile (the first attempt was refused): nothing to replay, the key is free again.
  if (!existing) return claimIdempotencyKey(db, input);
  return existing.fingerprint === input.fingerprint ? 'same' : 'reused';
}

/** A refused request gives its key back: nothing was done under it. */
export async function releaseIdempotencyKey(db: Database, input: { key: string; fingerprint: string }): Promise<void> {
  await db.delete(staffIdempotencyKeys).where(and(eq(staffIdempotencyKeys.key, input.key), eq(staffIdempotencyKeys.fingerprint, input.fingerprint)));
}

export type CheckoutRow = typeof checkoutAuthorisations.$inferSelect;

export type CodeClaim = { ok: true; checkout: CheckoutRow; opened: boolean } | { ok: false; reason: 'other_checkout' | 'checkout_closed' };

/**
 * A scanned rotating code opens its checkout for the staff session that scanned it (unique per
 * member and time step, so of two sessions scanning at once exactly one opens it). The same
 * session scanning the same code again while the checkout is open gets that checkout back; any
 * other session, or the same one after the checkout ended, finds the code used.
 */
export async function claimCodeForCheckout(
  db: Database,
  input: { memberId: string; timeStep: number; staffId: string; sessionId: string; storeId: string; now: Date; expiresAt: Date },
): Promise<CodeClaim> {
  const [opened] = await db
    .insert(checkoutAuthorisations)
    .values({
      memberId: input.memberId,
      timeStep: input.timeStep,
      staffId: input.staffId,
      staffSessionId: input.sessionId,
      storeId: input.storeId,
      openedAt: input.now,
      expiresAt: input.expiresAt,
    })
    .onConflictDoNothing()
    .returning();
  if (opened) return { ok: true, checkout: opened, opened: true };
  const [existing] = await db
    .select()
    .from(checkoutAuthorisations)
    .where(and(eq(checkoutAuthorisations.memberId, input.memberId), eq(checkoutAuthorisations.timeStep, input.timeStep)));
  if (!existing || existing.staffSessionId !== input.sessionId || existing.staffId !== input.staffId) return { ok: false, reason: 'other_checkout' };
  if (existing.endedAt !== null || existing.expiresAt <= input.now) return { ok: false, reason: 'checkout_closed' };
  return { ok: true, checkout: existing, opened: false };
}

export async function findCheckout(db: Database, id: string): Promise<CheckoutRow | undefined> {
  const [row] = await db.select().from(checkoutAuthorisations).where(eq(checkoutAuthorisations.id, id));
  return row;
}

/** 「次のお客様」: ends the checkout if it is this session's and still running; returns whether it was this session's. */
export async function endCheckout(db: Database, input: { id: string; staffId: string; sessionId: string; now: Date }): Promise<boolean> {
  const ours = and(
    eq(checkoutAuthorisations.id, input.id),
    eq(checkoutAuthorisations.staffId, input.staffId),
    eq(checkoutAuthorisations.staffSessionId, input.sessionId),
  );
  const [checkout] = await db.select({ id: checkoutAuthorisations.id }).from(checkoutAuthorisations).where(ours);
  if (!checkout) return false;
  await db.update(checkoutAuthorisations).set({ endedAt: input.now }).where(and(ours, isNull(checkoutAuthorisations.endedAt)));
  return true;
}

/** Logout ends every session of the account, and with them every checkout they had open. */
export async function endCheckoutsOfStaff(db: Database, staffId: string, now: Date): Promise<void> {
  await db
    .update(checkoutAuthorisations)
    .set({ endedAt: now })
    .where(and(eq(checkoutAuthorisations.staffId, staffId), isNull(checkoutAuthorisations.endedAt), gt(checkoutAuthorisations.expiresAt, now)));
}
