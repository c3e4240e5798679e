import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { Tx } from '../db/transaction';
import { startOfJstDay, jstDate } from './jst';
import type { ProgramConfig } from './program-config';
import { tierWindowStart } from './tiers';

/**
 * member_facts (schema/loyalty.ts): each member's latest purchase, the stores they bought at and
 * spend counted from a window start, so segment counts read one row per member instead of scanning purchases.
 *
 * The purchases trigger keeps them in every purchase's and void's transaction. A tier window
 * ends at *now*, so spend leaves it as days pass: `refreshMemberFacts` (the daily job) recounts,
 * from today's window start, only the members whose oldest counted purchase has left the window
 * (about one day's shoppers of a year ago). Until it has run, segment-rules.ts finds those rows
 * no longer valid for `now` and recounts them from purchases itself, so a count is exact either way.
 * `rebuildMemberFacts` (`npm run dashboard:rebuild`, the demo generator) computes all of them again.
 */

async function rows<T>(db: Database | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** Members per refresh transaction: short row locks against the registers. */
export const REFRESH_BATCH = 2_000;

/** A member whose counted spend was moved on, with the tier-window spend at the end of yesterday (JST) and now. */
export type RefreshedMember = { memberId: string; spendEndOfYesterday: number; spendNow: number; boughtToday: boolean };

/**
 * Recounts, from the tier window's start at `now`, the members whose facts no longer hold for it
 * (a counted purchase left the window, or they were counted from a later start). Idempotent; two
 * runners share the work (rows locked by one are skipped by the other).
 */
export async function refreshMemberFacts(db: Database, program: Pick<ProgramConfig, 'tierWindow'>, now: Date, batch = REFRESH_BATCH): Promise<RefreshedMember[]> {
  const start = tierWindowStart(now, program);
  const today = startOfJstDay(jstDate(now));
  const startYesterday = tierWindowStart(new Date(today.getTime() - 1), program);
  const refreshed: RefreshedMember[] = [];
  for (;;) {
    const done = await db.transaction(async (tx) => {
      // Locked first, recounted by the next statement: its new snapshot sees every purchase committed before the lock.
      const due = await rows<{ member_id: string }>(
        tx,
        sql`SELECT member_id FROM member_facts WHERE oldest_counted_at < ${at(start)} OR spend_from > ${at(start)}
          ORDER BY member_id LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
      );
      if (due.length === 0) return 0;
      const ids = sql.join(
        due.map((row) => sql`${row.member_id}::uuid`),
        sql`, `,
      );
      const counted = await rows<{ member_id: string; spend_end_of_yesterday: number; spend_now: number; bought_today: boolean }>(
        tx,
        sql`UPDATE member_facts f SET spend_from = ${at(start)}, spend_yen = c.spend, oldest_counted_at = c.oldest
          FROM (SELECT d.member_id,
              coalesce(sum(pu.amount_yen) FILTER (WHERE pu.purchased_at >= ${at(start)}), 0) AS spend,
              min(pu.purchased_at) FILTER (WHERE pu.purchased_at >= ${at(start)}) AS oldest,
              coalesce(sum(pu.amount_yen) FILTER (WHERE pu.purchased_at >= ${at(startYesterday)} AND pu.purchased_at < ${at(today)}), 0)::float8 AS spend_end_of_yesterday,
              coalesce(sum(pu.amount_yen) FILTER (WHERE pu.purchased_at >= ${at(start)} AND pu.purchased_at <= ${at(now)}), 0)::float8 AS spend_now,
              coalesce(bool_or(pu.purchased_at >= ${at(today)} AND pu.purchased_at <= ${at(now)}), false) AS bought_today
            FROM member_facts d LEFT JOIN purchases pu ON pu.member_id = d.member_id AND pu.voided_at IS NULL AND pu.purchased_at >= ${at(startYesterday)}
            WHERE d.member_id IN (${ids}) GROUP BY d.member_id) c
          WHERE f.member_id = c.member_id
          RETURNING f.member_id, c.spend_end_of_yesterday, c.spend_now, c.bought_today`,
      );
      for (const row of counted) {
        refreshed.push({ memberId: row.member_id, spendEndOfYesterday: Number(row.spend_end_of_yesterday), spendNow: Number(row.spend_now), boughtToday: row.bought_today });
      }
      return due.length;
    });
    if (done < batch) return refreshed;
  }
}

/**
 * Computes every member's facts again from purchases, counted from the tier window's start at
 * `now`, in one transaction. The table lock makes purchases arriving meanwhile wait in their
 * trigger and then add to the rebuilt rows; those in flight before it are committed (and counted) first.
 */
export async function rebuildMemberFacts(db: Database, program: Pick<ProgramConfig, 'tierWindow'>, now: Date): Promise<number> {
  const start = at(tierWindowStart(now, program));
  const members = await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE member_facts IN ACCESS EXCLUSIVE MODE`);
    await tx.execute(sql`TRUNCATE member_facts`);
    const [row] = await rows<{ n: number }>(
      tx,
      sql`WITH inserted AS (
          INSERT INTO member_facts (member_id, spend_from, spend_yen, oldest_counted_at, last_purchase_at, stores)
          SELECT member_id, ${start}, coalesce(sum(amount_yen) FILTER (WHERE purchased_at >= ${start}), 0),
            min(purchased_at) FILTER (WHERE purchased_at >= ${start}), max(purchased_at), array_agg(DISTINCT store_id ORDER BY store_id)
          FROM purchases WHERE voided_at IS NULL GROUP BY member_id
          RETURNING 1)
        SELECT count(*)::int AS n FROM inserted`,
    );
    return row?.n ?? 0;
  });
  // Fresh statistics: the segment filters are planned from the spread of these columns.
  await db.execute(sql`ANALYZE member_facts`);
  return members;
}
