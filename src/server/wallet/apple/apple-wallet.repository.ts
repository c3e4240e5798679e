import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { appleWalletPasses, appleWalletRegistrations } from '../../db/schema/apple-wallet';
import { lineOutbox } from '../../db/schema/line';
import type { Tx } from '../../db/transaction';

export type ApplePassRow = typeof appleWalletPasses.$inferSelect;
type Db = Database | Tx;

export async function findPassOfMember(db: Db, memberId: string): Promise<ApplePassRow | undefined> {
  const [row] = await db.select().from(appleWalletPasses).where(eq(appleWalletPasses.memberId, memberId));
  return row;
}

export async function findPass(db: Db, serialNumber: string): Promise<ApplePassRow | undefined> {
  const [row] = await db.select().from(appleWalletPasses).where(eq(appleWalletPasses.serialNumber, serialNumber));
  return row;
}

/** The member's pass, created on the first download; two downloads at once end with the same one. */
export async function ensurePass(db: Db, input: { memberId: string; serialNumber: string; authenticationToken: string; now: Date }): Promise<ApplePassRow> {
  await db
    .insert(appleWalletPasses)
    .values({ ...input, createdAt: input.now, updatedAt: input.now })
    .onConflictDoNothing({ target: appleWalletPasses.memberId });
  return (await findPassOfMember(db, input.memberId))!;
}

/**
 * Moves the pass's Last-Modified on (at least one whole second past the last, since HTTP dates
 * have no fractions) and optionally voids it; answers the pass, or undefined when the member has none.
 */
export async function touchPass(db: Db, memberId: string, now: Date, change: { void?: boolean } = {}): Promise<ApplePassRow | undefined> {
  const [row] = await db
    .update(appleWalletPasses)
    .set({
      updatedAt: sql`greatest(${now.toISOString()}::timestamptz, date_trunc('second', ${appleWalletPasses.updatedAt}) + interval '1 second')`,
      ...(change.void ? { voided: true } : {}),
    })
    .where(and(eq(appleWalletPasses.memberId, memberId), change.void ? sql`true` : eq(appleWalletPasses.voided, false)))
    .returning();
  return row;
}

export async function hasRegistrations(db: Db, serialNumber: string): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(appleWalletRegistrations).where(eq(appleWalletRegistrations.serialNumber, serialNumber)).limit(1);
  return row !== undefined;
}

export async function registrationsOf(db: Db, serialNumber: string) {
  return db.select().from(appleWalletRegistrations).where(eq(appleWalletRegistrations.serialNumber, serialNumber));
}

/** Registers a device for a pass; 'updated' when it was registered already (its push token is refreshed). */
export async function register(db: Db, input: { deviceLibraryIdentifier: string; serialNumber: string; pushToken: string; now: Date }): Promise<'created' | 'updated'> {
  const created = await db
    .insert(appleWalletRegistrations)
    .values({ deviceLibraryIdentifier: input.deviceLibraryIdentifier, serialNumber: input.serialNumber, pushToken: input.pushToken, createdAt: input.now })
    .onConflictDoNothing()
    .returning({ serialNumber: appleWalletRegistrations.serialNumber });
  if (created.length > 0) return 'created';
  await db
    .update(appleWalletRegistrations)
    .set({ pushToken: input.pushToken })
    .where(and(eq(appleWalletRegistrations.deviceLibraryIdentifier, input.deviceLibraryIdentifier), eq(appleWalletRegistrations.serialNumber, input.serialNumber)));
  return 'updated';
}

export async function unregister(db: Db, deviceLibraryIdentifier: string, serialNumber: string): Promise<void> {
  await db
    .delete(appleWalletRegistrations)
    .where(and(eq(appleWalletRegistrations.deviceLibraryIdentifier, deviceLibraryIdentifier), eq(appleWalletRegistrations.serialNumber, serialNumber)));
}

/** APNs said the token is gone (410, or not a token at all): the registration is dropped, unless the device re-registered with a new one meanwhile. */
export async function dropRegistration(db: Db, input: { deviceLibraryIdentifier: string; serialNumber: string; pushToken: string }): Promise<void> {
  await db
    .delete(appleWalletRegistrations)
    .where(
      and(
        eq(appleWalletRegistrations.deviceLibraryIdentifier, input.deviceLibraryIdentifier),
        eq(appleWalletRegistrations.serialNumber, input.serialNumber),
        eq(appleWalletRegistrations.pushToken, input.pushToken),
      ),
    );
}

/** The device's passes changed after `since` (all of them without it), with their Last-Modified. */
export async function passesOfDevice(db: Db, deviceLibraryIdentifier: string, since: Date | null) {
  return db
    .select({ serialNumber: appleWalletPasses.serialNumber, updatedAt: appleWalletPasses.updatedAt })
    .from(appleWalletRegistrations)
    .innerJoin(appleWalletPasses, eq(appleWalletPasses.serialNumber, appleWalletRegistrations.serialNumber))
    .where(and(eq(appleWalletRegistrations.deviceLibraryIdentifier, deviceLibraryIdentifier), since ? gt(appleWalletPasses.updatedAt, since) : sql`true`));
}

/** One APNs update through the outbox per change of the pass (its new Last-Modified names the change). */
export async function enqueuePassUpdate(db: Db, input: { memberId: string; serialNumber: string; updatedAt: Date; now: Date }): Promise<void> {
  await db
    .insert(lineOutbox)
    .values({
      causeKey: `apns-pass-update:${input.serialNumber}:${input.updatedAt.getTime()}`,
      kind: 'apns_pass_update',
      memberId: input.memberId,
      payload: { serialNumber: input.serialNumber },
      nextAttemptAt: input.now,
      retryKey: randomUUID(),
      createdAt: input.now,
    })
    .onConflictDoNothing();
}
