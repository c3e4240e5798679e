import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { jobRuns } from '../db/schema/line';
import { queueDailyPushes, type DailyPushReport } from '../line/daily-pushes';
import type { LineClient } from '../line/line-client';
import { expireAuditAddresses } from '../linking/audit-retention';
import { drainOutbox, type DrainReport } from '../line/outbox-worker';
import type { RichMenuIds } from '../line/rich-menu';
import { jstDayKey } from '../loyalty/jst';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';

export type JobDeps = { db: Database; loyalty: LoyaltyService; program: ProgramConfig; clock: () => Date; line: LineClient; richMenus: RichMenuIds };

export type JobTickReport = {
  daily: { expiredPoints: number; birthdayCouponsIssued: number; pushes: DailyPushReport; auditAddressesExpired: number } | null;
  outbox: DrainReport;
};

/**
 * One tick of the job runner: the daily work once per JST day (the loyalty daily job, the pushes
 * it makes due, old audit addresses blanked), then whatever the outbox has due. Safe to run from several processes.
 */
export async function runJobTick(deps: JobDeps): Promise<JobTickReport> {
  const now = deps.clock();
  let daily: JobTickReport['daily'] = null;
  const claimed = await deps.db.insert(jobRuns).values({ job: 'daily', jstDay: jstDayKey(now), startedAt: now }).onConflictDoNothing().returning();
  if (claimed.length > 0) {
    try {
      const loyalty = await deps.loyalty.runDailyJob();
      const pushes = await queueDailyPushes(deps);
      const auditAddressesExpired = await expireAuditAddresses(deps.db, now, deps.program.privacy.auditAddressRetentionDays);
      daily = { expiredPoints: loyalty.expiredPoints, birthdayCouponsIssued: loyalty.birthdayCouponsIssued, pushes, auditAddressesExpired };
    } catch (error) {
      // Release the day's claim so the next tick tries again (both steps are idempotent).
      await deps.db.delete(jobRuns).where(and(eq(jobRuns.job, 'daily'), eq(jobRuns.jstDay, jstDayKey(now))));
      throw error;
    }
  }
  return { daily, outbox: await drainOutbox(deps) };
}
