import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Database } from '../db/database';
import { jobRuns } from '../db/schema/line';
import { queueDailyPushes, type DailyPushReport } from '../line/daily-pushes';
import type { LineClient } from '../line/line-client';
import { expireAuditAddresses } from '../linking/audit-retention';
import { drainOutbox, type DrainReport, type OutboxDeliveries } from '../line/outbox-worker';
import type { RichMenuIds } from '../line/rich-menu';
import { jstDayKey } from '../loyalty/jst';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import { runDueSends, type SendRunReport } from '../segments/segments.service';

export type JobDeps = { db: Database; loyalty: LoyaltyService; program: ProgramConfig; clock: () => Date; line: LineClient; richMenus: RichMenuIds; deliveries?: OutboxDeliveries };

export type JobTickReport = {
  daily: { expiredPoints: number; birthdayCouponsIssued: number; memberFactsRefreshed: number; tierDrops: number; pushes: DailyPushReport; auditAddressesExpired: number } | null;
  sends: SendRunReport;
  outbox: DrainReport;
};

/**
 * One tick of the job runner: the daily work once per JST day (the loyalty daily job, the pushes
 * it makes due, old audit addresses blanked), then whatever the outbox has due. Safe to run from several processes.
 */
export async function runJobTick(deps: JobDeps): Promise<JobTickReport> {
  const now = deps.clock();
  let daily: JobTickReport['daily'] = null;
  const day = jstDayKey(now);
  if (await claimDailyRun(deps.db, day, now)) {
    try {
      const loyalty = await deps.loyalty.runDailyJob();
      const pushes = await queueDailyPushes(deps);
      const auditAddressesExpired = await expireAuditAddresses(deps.db, now, deps.program.privacy.auditAddressRetentionDays);
      daily = {
        expiredPoints: loyalty.expiredPoints,
        birthdayCouponsIssued: loyalty.birthdayCouponsIssued,
        memberFactsRefreshed: loyalty.factsRefreshed,
        tierDrops: loyalty.tierDrops,
        pushes,
        auditAddressesExpired,
      };
      await deps.db.update(jobRuns).set({ finishedAt: deps.clock() }).where(and(eq(jobRuns.job, 'daily'), eq(jobRuns.jstDay, day)));
    } catch (error) {
      // Release the day's claim so the next tick tries again (both steps are idempotent). When the
      // database is what failed, this may fail too: the claim then goes stale and is taken over.
      await deps.db
        .delete(jobRuns)
        .where(and(eq(jobRuns.job, 'daily'), eq(jobRuns.jstDay, day)))
        .catch(() => undefined);
      throw error;
    }
  }
  // Due segment sends first: their outbox rows then go out in this very tick.
  const sends = await runDueSends(deps);
  return { daily, sends, outbox: await drainOutbox(deps) };
}

/**
 * A claim not finished after this long belongs to a runner that died or lost the database: another
 * tick takes the day over. Longer than a daily run takes, so a slow run is not started twice.
 */
export const DAILY_CLAIM_LEASE_MS = 60 * 60_000;

/** Claims the day's run: no row yet, or a stale unfinished one. One statement, so two runners cannot both win. */
export async function claimDailyRun(db: Database, day: string, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - DAILY_CLAIM_LEASE_MS);
  const claimed = await db
    .insert(jobRuns)
    .values({ job: 'daily', jstDay: day, startedAt: now })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.jstDay],
      set: { startedAt: now },
      setWhere: and(isNull(jobRuns.finishedAt), lt(jobRuns.startedAt, staleBefore)),
    })
    .returning();
  return claimed.length > 0;
}
