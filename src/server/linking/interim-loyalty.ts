import { and, eq, gt, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { pointEntries, pointLots } from '../db/schema/ledger';
import { coupons } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { birthdayCouponFor } from '../loyalty/coupons';
import { lotExpiresAt } from '../loyalty/earning';
import type { ProgramConfig } from '../loyalty/program-config';
import type { LoyaltyPort, Tx } from './loyalty-port';

/**
 * Stand-in for main's loyalty services until this branch merges them: the same calls on the same
 * ledger and coupon tables (idempotent per member and key). Deleted at the merge.
 */
export function createInterimLoyalty(db: Database, program: ProgramConfig, clock: () => Date): LoyaltyPort {
  async function balance(tx: Tx | Database, memberId: string, now: Date) {
    const rows = await tx
      .select({ balance: sql<string>`coalesce(sum(${pointLots.remaining}), 0)` })
      .from(pointLots)
      .where(and(eq(pointLots.memberId, memberId), gt(pointLots.expiresAt, now)));
    return Number(rows[0]?.balance ?? 0);
  }
  return {
    async grantPoints(request, tx) {
      const run = async (t: Tx) => {
        const now = clock();
        const [entry] = await t
          .insert(pointEntries)
          .values({ memberId: request.memberId, kind: request.kind, points: request.points, idempotencyKey: request.idempotencyKey, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: pointEntries.id });
        if (entry && request.points > 0) {
          await t.insert(pointLots).values({
            memberId: request.memberId,
            entryId: entry.id,
            points: request.points,
            remaining: request.points,
            earnedAt: now,
            expiresAt: lotExpiresAt(now, program),
          });
        }
        return { ok: true as const, replayed: !entry, pointsBalance: await balance(t, request.memberId, now) };
      };
      return tx ? run(tx) : db.transaction(run);
    },
    async issueBirthdayCouponIfDue(memberId, tx) {
      const t = tx ?? db;
      const [member] = await t.select({ birthday: members.birthday }).from(members).where(eq(members.id, memberId));
      const due = birthdayCouponFor(member?.birthday ?? null, clock(), program);
      if (!due) return { issued: null };
      const [issued] = await t
        .insert(coupons)
        .values({ memberId, ...due, code: `CP${randomBytes(6).toString('hex').toUpperCase()}`, issuedAt: clock() })
        .onConflictDoNothing()
        .returning({ id: coupons.id, title: coupons.title });
      return { issued: issued ?? null };
    },
  };
}
