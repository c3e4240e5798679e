import { and, isNotNull, lt } from 'drizzle-orm';
import type { Database } from '../db/database';
import { membershipAudit } from '../db/schema/linking';

const DAY_MS = 86_400_000;

/** Entries written before this instant lose their client address. */
export function addressRetentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Blanks client addresses older than the retention period; the entries themselves stay. Returns how many were blanked. */
export async function expireAuditAddresses(db: Database, now: Date, retentionDays: number): Promise<number> {
  const cutoff = addressRetentionCutoff(now, retentionDays);
  const rows = await db
    .update(membershipAudit)
    .set({ clientAddress: null })
    .where(and(isNotNull(membershipAudit.clientAddress), lt(membershipAudit.createdAt, cutoff)))
    .returning({ id: membershipAudit.id });
  return rows.length;
}
