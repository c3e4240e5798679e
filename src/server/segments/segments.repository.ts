import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { segmentSends, segments, sendRecipients } from '../db/schema/segments';
import type { Tx } from '../db/transaction';
import { MULTICAST_MAX_RECIPIENTS } from '../line/line-client';
import { SEGMENT_FROM } from './segment-rules';

/** Segments, sends and their recipients: drizzle queries only. `where` is a compiled filter (segment-rules.ts). */

async function rows<T>(db: Database | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export type SegmentRow = typeof segments.$inferSelect;
export type SendRow = typeof segmentSends.$inferSelect;

export async function countMembers(db: Database, where: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${SEGMENT_FROM} WHERE ${where}`);
  return row?.n ?? 0;
}

export async function sampleMembers(db: Database, where: SQL, limit: number, memberNumber: string | null = null) {
  const only = memberNumber === null ? sql`` : sql`AND m.member_number = ${memberNumber}`;
  return rows<{ id: string; member_number: string; display_name: string | null }>(
    db,
    sql`SELECT m.id, m.member_number, m.display_name FROM ${SEGMENT_FROM} WHERE ${where} ${only} ORDER BY m.member_number LIMIT ${limit}`,
  );
}

export type FiguresRow = { member_id: string; line_user_id: string; display_name: string | null; balance: number; soonest_points: number | null; soonest_ms: number | null };

/** Each member's balance and soonest expiry now (the card's rules, card-statement.ts), for rendering cards. */
export async function memberFigures(db: Database | Tx, memberIds: string[], now: Date): Promise<FiguresRow[]> {
  if (memberIds.length === 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  return rows<FiguresRow>(
    db,
    sql`SELECT m.id AS member_id, m.line_user_id, m.display_name,
      (SELECT coalesce(sum(l.remaining), 0)::float8 FROM point_lots l WHERE l.member_id = m.id AND l.expires_at >= ${at} AND l.reversed_at IS NULL) AS balance,
      soon.points AS soonest_points, (extract(epoch FROM soon.expires_at) * 1000)::float8 AS soonest_ms
    FROM members m
    LEFT JOIN LATERAL (
      SELECT l.expires_at, sum(l.remaining)::float8 AS points FROM point_lots l
      WHERE l.member_id = m.id AND l.expires_at >= ${at} AND l.reversed_at IS NULL AND l.remaining > 0
      GROUP BY l.expires_at ORDER BY l.expires_at LIMIT 1
    ) soon ON true
    WHERE m.id IN (${sql.join(
      memberIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

export async function insertSegment(db: Database, values: typeof segments.$inferInsert): Promise<SegmentRow> {
  const [row] = await db.insert(segments).values(values).returning();
  return row!;
}

export async function updateSegment(db: Database, id: string, values: Pick<SegmentRow, 'name' | 'filter' | 'updatedAt'>): Promise<SegmentRow | undefined> {
  const [row] = await db.update(segments).set(values).where(eq(segments.id, id)).returning();
  return row;
}

export async function deleteSegment(db: Database, id: string): Promise<boolean> {
  return (await db.delete(segments).where(eq(segments.id, id)).returning({ id: segments.id })).length > 0;
}

export async function listSegments(db: Database): Promise<SegmentRow[]> {
  return db.select().from(segments).orderBy(desc(segments.updatedAt));
}

export async function findSegment(db: Database, id: string): Promise<SegmentRow | undefined> {
  const [row] = await db.select().from(segments).where(eq(segments.id, id));
  return row;
}

export async function insertSend(db: Database, values: typeof segmentSends.$inferInsert): Promise<SendRow> {
  const [row] = await db.insert(segmentSends).values(values).returning();
  return row!;
}

export async function findSend(db: Database, id: string): Promise<SendRow | undefined> {
  const [row] = await db.select().from(segmentSends).where(eq(segmentSends.id, id));
  return row;
}

export async function listSends(db: Database, limit: number): Promise<SendRow[]> {
  return db.select().from(segmentSends).orderBy(desc(segmentSends.createdAt)).limit(limit);
}

/** Cancels a send that has not started; undefined when it had (or does not exist). */
export async function cancelScheduledSend(db: Database, id: string, at: Date): Promise<SendRow | undefined> {
  const [row] = await db
    .update(segmentSends)
    .set({ status: 'cancelled', cancelledAt: at })
    .where(and(eq(segmentSends.id, id), eq(segmentSends.status, 'scheduled')))
    .returning();
  return row;
}

/** Brings a scheduled send forward to now; undefined when it is not scheduled any more. */
export async function sendScheduledNow(db: Database, id: string, at: Date): Promise<SendRow | undefined> {
  const [row] = await db
    .update(segmentSends)
    .set({ scheduledAt: at })
    .where(and(eq(segmentSends.id, id), eq(segmentSends.status, 'scheduled')))
    .returning();
  return row;
}

/** Sends the job runner works on: scheduled and due, or started and not finished (a runner died midway). */
export async function dueSends(db: Database, now: Date): Promise<SendRow[]> {
  return db
    .select()
    .from(segmentSends)
    .where(sql`(${segmentSends.status} = 'scheduled' AND ${segmentSends.scheduledAt} <= ${now.toISOString()}::timestamptz) OR ${segmentSends.status} = 'sending'`)
    .orderBy(segmentSends.scheduledAt);
}

/**
 * Writes everyone the send is for, once, in the caller's transaction (which holds the send's row
 * lock): their group (hash of send and member), and whether they can receive it now — friends of
 * the account who consented to marketing messages — else the reason. Deliverable recipients get
 * their multicast batch (≤ 500 per variant, by member id), so a rerun rebuilds the same batches.
 */
export async function materialiseRecipients(tx: Tx, input: { sendId: string; where: SQL; assignment: SQL; at: Date }): Promise<number> {
  const result = await rows<{ n: number }>(
    tx,
    sql`WITH chosen AS (
      SELECT m.id, m.line_user_id, ${input.assignment} AS grp,
        CASE WHEN m.is_friend IS NOT TRUE THEN 'not_friend' WHEN NOT m.marketing_consent THEN 'no_consent' END AS reason
      FROM ${SEGMENT_FROM} WHERE ${input.where}
    ), inserted AS (
      INSERT INTO send_recipients (send_id, member_id, line_user_id, variant, status, skip_reason, batch)
      SELECT ${input.sendId}::uuid, id, line_user_id, grp,
        CASE WHEN grp = 'holdout' THEN 'holdout' WHEN reason IS NOT NULL THEN 'skipped' ELSE 'pending' END,
        CASE WHEN grp = 'holdout' THEN NULL ELSE reason END,
        CASE WHEN grp <> 'holdout' AND reason IS NULL
          THEN ((row_number() OVER (PARTITION BY grp, (grp <> 'holdout' AND reason IS NULL) ORDER BY id)) - 1)::int / ${MULTICAST_MAX_RECIPIENTS} END
      FROM chosen
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM inserted`,
  );
  await tx.update(segmentSends).set({ materialisedAt: input.at, status: 'sending' }).where(eq(segmentSends.id, input.sendId));
  return result[0]?.n ?? 0;
}

export async function lockSend(tx: Tx, id: string): Promise<SendRow | undefined> {
  const [row] = await tx.select().from(segmentSends).where(eq(segmentSends.id, id)).for('update');
  return row;
}

export const sendCauseKey = (sendId: string, variant: string, batch: number) => `segment-send:${sendId}:${variant}:${batch}`;
export const pushCauseKey = (sendId: string, memberId: string) => `segment-send:${sendId}:member:${memberId}`;

/**
 * One multicast outbox row per (variant, batch) of pending recipients, and the recipients marked
 * queued with its cause key; in the caller's transaction. The cause key is unique: a rerun adds nothing.
 */
export async function queueMulticasts(tx: Tx, input: { sendId: string; messagesByVariant: Record<string, unknown[]>; now: Date }): Promise<number> {
  const messages = sql`(${sql.join(
    [sql`CASE r.variant`, ...Object.entries(input.messagesByVariant).map(([variant, list]) => sql`WHEN ${variant} THEN ${JSON.stringify(list)}::jsonb`), sql`END`],
    sql` `,
  )})`;
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const prefix = `segment-send:${input.sendId}:`;
  const queued = await rows<{ n: number }>(
    tx,
    sql`WITH batches AS (
      SELECT r.variant, r.batch, jsonb_agg(r.line_user_id ORDER BY r.member_id) AS recipients, ${messages} AS messages
      FROM send_recipients r WHERE r.send_id = ${input.sendId}::uuid AND r.status = 'pending'
      GROUP BY r.variant, r.batch
    ), inserted AS (
      INSERT INTO line_outbox (cause_key, kind, line_user_id, payload, next_attempt_at, retry_key, created_at)
      SELECT ${prefix} || variant || ':' || batch, 'multicast', NULL,
        jsonb_build_object('sendId', ${input.sendId}::text, 'variant', variant, 'batch', batch, 'to', recipients, 'messages', messages),
        ${now}, gen_random_uuid()::text, ${now}
      FROM batches
      ON CONFLICT (cause_key) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM inserted`,
  );
  await tx
    .update(sendRecipients)
    .set({ status: 'queued', causeKey: sql`${prefix} || ${sendRecipients.variant} || ':' || ${sendRecipients.batch}` })
    .where(and(eq(sendRecipients.sendId, input.sendId), eq(sendRecipients.status, 'pending')));
  return queued[0]?.n ?? 0;
}

export async function pendingRecipients(db: Database | Tx, sendId: string, limit: number) {
  return db
    .select({ memberId: sendRecipients.memberId, lineUserId: sendRecipients.lineUserId, variant: sendRecipients.variant })
    .from(sendRecipients)
    .where(and(eq(sendRecipients.sendId, sendId), eq(sendRecipients.status, 'pending')))
    .orderBy(sendRecipients.memberId)
    .limit(limit);
}

export async function markQueued(tx: Tx, sendId: string, queued: { memberId: string; causeKey: string }[]): Promise<void> {
  for (const { memberId, causeKey } of queued) {
    await tx
      .update(sendRecipients)
      .set({ status: 'queued', causeKey })
      .where(and(eq(sendRecipients.sendId, sendId), eq(sendRecipients.memberId, memberId)));
  }
}

export async function markSendQueued(db: Database | Tx, sendId: string, at: Date): Promise<void> {
  await db.update(segmentSends).set({ status: 'sent', queuedAt: at }).where(and(eq(segmentSends.id, sendId), eq(segmentSends.status, 'sending')));
}

/** Of these LINE users, those who may receive marketing messages now (friends who consented). */
export async function reachableNow(db: Database, lineUserIds: string[]): Promise<Set<string>> {
  if (lineUserIds.length === 0) return new Set();
  const found = await rows<{ line_user_id: string }>(
    db,
    sql`SELECT m.line_user_id FROM members m
      JOIN member_profiles p ON p.member_id = m.id AND p.marketing_consent IS TRUE
      JOIN line_friends f ON f.line_user_id = m.line_user_id AND f.is_friend IS TRUE
      WHERE m.line_user_id IN (${sql.join(
        lineUserIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  );
  return new Set(found.map((row) => row.line_user_id));
}

export async function markUnreachable(db: Database, sendId: string, lineUserIds: string[]): Promise<void> {
  if (lineUserIds.length === 0) return;
  await db
    .update(sendRecipients)
    .set({ status: 'skipped', skipReason: 'unreachable_at_delivery' })
    .where(and(eq(sendRecipients.sendId, sendId), inArray(sendRecipients.lineUserId, lineUserIds)));
}

export type GroupCountsRow = { grp: string; assigned: number; skipped: number; queued: number; sent: number; failed: number };
export type SkipCountsRow = { reason: string; n: number };

/** Per group: assigned, skipped, queued, and of the queued how many the outbox sent or gave up on. */
export async function deliveryCounts(db: Database, sendIds: string[]): Promise<(GroupCountsRow & { send_id: string })[]> {
  if (sendIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT r.send_id::text AS send_id, r.variant AS grp, count(*)::int AS assigned,
      count(*) FILTER (WHERE r.status = 'skipped')::int AS skipped,
      count(*) FILTER (WHERE r.status = 'queued')::int AS queued,
      count(*) FILTER (WHERE r.status = 'queued' AND o.status = 'sent')::int AS sent,
      count(*) FILTER (WHERE r.status = 'queued' AND o.status IN ('failed', 'skipped'))::int AS failed
    FROM send_recipients r LEFT JOIN line_outbox o ON o.cause_key = r.cause_key
    WHERE r.send_id IN (${sql.join(
      sendIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    GROUP BY r.send_id, r.variant`,
  );
}

export async function skipReasons(db: Database, sendIds: string[]): Promise<(SkipCountsRow & { send_id: string })[]> {
  if (sendIds.length === 0) return [];
  return rows(
    db,
    sql`SELECT r.send_id::text AS send_id, r.skip_reason AS reason, count(*)::int AS n FROM send_recipients r
    WHERE r.status = 'skipped' AND r.send_id IN (${sql.join(
      sendIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    GROUP BY r.send_id, r.skip_reason`,
  );
}

export type ActionRow = { grp: string; linked: number; purchasers: number; redeemers: number };

/**
 * Per group, how many members took each action in [from, to): linked a CRM membership, bought
 * (not voided), redeemed a coupon. Index ranges on each member's rows.
 */
export async function actionCounts(db: Database, sendId: string, from: Date, to: Date): Promise<ActionRow[]> {
  const lo = sql`${from.toISOString()}::timestamptz`;
  const hi = sql`${to.toISOString()}::timestamptz`;
  return rows(
    db,
    sql`SELECT r.variant AS grp,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM member_links l WHERE l.member_id = r.member_id AND l.linked_at >= ${lo} AND l.linked_at < ${hi}))::int AS linked,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM purchases pu WHERE pu.member_id = r.member_id AND pu.voided_at IS NULL AND pu.purchased_at >= ${lo} AND pu.purchased_at < ${hi}))::int AS purchasers,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM coupons k WHERE k.member_id = r.member_id AND k.used_at >= ${lo} AND k.used_at < ${hi}))::int AS redeemers
    FROM send_recipients r WHERE r.send_id = ${sendId}::uuid GROUP BY r.variant`,
  );
}
