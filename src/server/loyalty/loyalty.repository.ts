import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { pointEntries, pointLots } from '../db/schema/ledger';
import { coupons, purchases, stamps } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { cardStatement, type CardStatementParams, type CardStatementRow } from './card-statement';
import type { CouponToIssue } from './coupons';
import type { LedgerChange, LedgerEntry, LedgerState, PointLot } from './ledger';
import { keyRenamer } from './ledger-keys';
import type { Stamp } from './stamps';

/**
 * The database edge of the loyalty domain: loads a member's state for the pure functions and
 * writes back exactly what they changed. Every function takes the executor it runs on, so the
 * service decides the transaction.
 */

export type CouponRow = typeof coupons.$inferSelect;
export type PurchaseRow = typeof purchases.$inferSelect;

export async function loadLedger(tx: Database, memberId: string): Promise<LedgerState> {
  // One after the other: a transaction's statements share its one connection.
  const entryRows = await tx.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)).orderBy(asc(pointEntries.id));
  const lotRows = await tx.select().from(pointLots).where(eq(pointLots.memberId, memberId));
  return { entries: entryRows.map(toLedgerEntry), lots: lotRows.map(toPointLot) };
}

/**
 * The part of a member's ledger a grant or a redemption reads: the lots that still hold points
 * and the entry already written under `key`, if any. Keeps those writes independent of the
 * length of the member's history; a void still loads everything (`loadLedger`).
 */
export async function loadLedgerForKey(tx: Database, memberId: string, key: string): Promise<LedgerState> {
  const entry = await findEntry(tx, memberId, key);
  const lots = await loadLotsWithPoints(tx, memberId);
  return { entries: entry ? [entry] : [], lots };
}

/** Lots that may still hold points: enough for expiry and for balances. */
export async function loadLotsWithPoints(tx: Database, memberId: string): Promise<PointLot[]> {
  const rows = await tx
    .select()
    .from(pointLots)
    .where(and(eq(pointLots.memberId, memberId), gt(pointLots.remaining, 0), isNull(pointLots.reversedAt)));
  return rows.map(toPointLot);
}

export async function findEntry(tx: Database, memberId: string, key: string): Promise<LedgerEntry | undefined> {
  const rows = await tx
    .select()
    .from(pointEntries)
    .where(and(eq(pointEntries.memberId, memberId), eq(pointEntries.key, key)))
    .limit(1);
  return rows[0] && toLedgerEntry(rows[0]);
}

export async function writeLedgerChange(
  tx: Database,
  memberId: string,
  change: LedgerChange,
  context: { storeId?: string | null; reason?: string | null } = {},
): Promise<void> {
  if (change.lots.length > 0) {
    await tx
      .insert(pointLots)
      .values(change.lots.map((lot) => ({ memberId, ...lot })))
      .onConflictDoUpdate({
        target: [pointLots.memberId, pointLots.id],
        set: {
          remaining: sql`excluded.remaining`,
          expiresAt: sql`excluded.expires_at`,
          reversedAt: sql`excluded.reversed_at`,
        },
      });
  }
  if (change.entries.length > 0) {
    await tx.insert(pointEntries).values(
      change.entries.map((entry) => ({
        memberId,
        ...entry,
        storeId: context.storeId ?? null,
        reason: context.reason ?? null,
      })),
    );
  }
}

/**
 * Renames idempotency keys in one member's ledger wherever they appear: entry keys, the lot ids
 * made from them (`lot:<key>`), keys derived from those (`expire:lot:<key>`), reversals and
 * reallocations.
 */
export async function renameLedgerKeys(tx: Database, memberId: string, renames: Array<{ from: string; to: string }>): Promise<void> {
  if (renames.length === 0) return;
  const rename = keyRenamer(renames);
  const renameOrNull = (text: string | null) => (text === null ? null : rename(text));

  const entries = await tx.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
  for (const entry of entries) {
    const next = {
      key: rename(entry.key),
      reversesKey: renameOrNull(entry.reversesKey),
      lotId: renameOrNull(entry.lotId),
      allocations: entry.allocations.map((a) => ({ ...a, lotId: rename(a.lotId) })),
      reallocations: entry.reallocations.map((r) => ({ ...r, debitKey: rename(r.debitKey), fromLotId: rename(r.fromLotId), toLotId: renameOrNull(r.toLotId) })),
    };
    const before = { key: entry.key, reversesKey: entry.reversesKey, lotId: entry.lotId, allocations: entry.allocations, reallocations: entry.reallocations };
    if (JSON.stringify(next) !== JSON.stringify(before)) await tx.update(pointEntries).set(next).where(eq(pointEntries.id, entry.id));
  }
  const lots = await tx.select({ id: pointLots.id, sourceKey: pointLots.sourceKey }).from(pointLots).where(eq(pointLots.memberId, memberId));
  for (const lot of lots) {
    const next = { id: rename(lot.id), sourceKey: rename(lot.sourceKey) };
    if (next.id !== lot.id || next.sourceKey !== lot.sourceKey) {
      await tx.update(pointLots).set(next).where(and(eq(pointLots.memberId, memberId), eq(pointLots.id, lot.id)));
    }
  }
}

export async function liveBalance(tx: Database, memberId: string, now: Date): Promise<number> {
  const rows = await tx
    .select({ balance: sql<string>`coalesce(sum(${pointLots.remaining}), 0)` })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, memberId), gte(pointLots.expiresAt, now), isNull(pointLots.reversedAt)));
  return Number(rows[0]?.balance ?? 0);
}

/** The member card's fields and ledger figures in one round trip (card-statement.ts); undefined without the member. */
export async function cardFigures(tx: Database, params: CardStatementParams): Promise<CardStatementRow | undefined> {
  const result = (await tx.execute(cardStatement(params))) as unknown as { rows: CardStatementRow[] };
  return result.rows[0];
}

/** Live points grouped by expiry instant, soonest first. */
export async function upcomingExpiries(tx: Database, memberId: string, now: Date): Promise<Array<{ points: number; expiresAt: Date }>> {
  const rows = await tx
    .select({ expiresAt: pointLots.expiresAt, points: sql<string>`sum(${pointLots.remaining})` })
    .from(pointLots)
    .where(
      and(eq(pointLots.memberId, memberId), gte(pointLots.expiresAt, now), isNull(pointLots.reversedAt), gt(pointLots.remaining, 0)),
    )
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt));
  return rows.map((r) => ({ expiresAt: r.expiresAt, points: Number(r.points) }));
}

export async function pointsHistory(tx: Database, memberId: string, limit: number) {
  return tx
    .select({
      id: pointEntries.id,
      key: pointEntries.key,
      kind: pointEntries.kind,
      points: pointEntries.points,
      at: pointEntries.at,
      storeId: sql<string | null>`coalesce(${pointEntries.storeId}, ${purchases.storeId})`,
      amountYen: purchases.amountYen,
      receiptId: purchases.receiptId,
      purchasedAt: purchases.purchasedAt,
    })
    .from(pointEntries)
    .leftJoin(purchases, sql`${pointEntries.purchaseId} = ${purchases.id}::text`)
    .where(eq(pointEntries.memberId, memberId))
    .orderBy(desc(pointEntries.at), desc(pointEntries.id))
    .limit(limit);
}

// Purchases

export async function findPurchaseByReceipt(tx: Database, storeId: string, receiptId: string): Promise<PurchaseRow | undefined> {
  const rows = await tx
    .select()
    .from(purchases)
    .where(and(eq(purchases.storeId, storeId), eq(purchases.receiptId, receiptId)))
    .limit(1);
  return rows[0];
}

export async function insertPurchase(tx: Database, values: typeof purchases.$inferInsert): Promise<PurchaseRow> {
  const [row] = await tx.insert(purchases).values(values).returning();
  if (!row) throw new Error('purchase insert returned nothing');
  return row;
}

export async function updatePurchase(
  tx: Database,
  purchaseId: number,
  set: Partial<Pick<PurchaseRow, 'pointsEarned' | 'stampAwarded' | 'voidedAt'>>,
): Promise<void> {
  await tx.update(purchases).set(set).where(eq(purchases.id, purchaseId));
}

/** A member's purchases and the points they earned in [from, to], voided ones included (void-and-redo must not reset a daily limit). */
export async function purchaseTotalsBetween(tx: Database, memberId: string, from: Date, to: Date): Promise<{ purchases: number; points: number }> {
  const [row] = await tx.select(purchaseTotals).from(purchases).where(memberPurchasesWithin(memberId, from, to));
  return { purchases: Number(row?.purchases ?? 0), points: Number(row?.points ?? 0) };
}

const purchaseTotals = { purchases: sql<string>`count(*)`, points: sql<string>`coalesce(sum(${purchases.pointsEarned}), 0)` };
const memberPurchasesWithin = (memberId: string, from: Date, to: Date) => and(eq(purchases.memberId, memberId), gte(purchases.purchasedAt, from), lte(purchases.purchasedAt, to));

/** What a new purchase is checked against, read in one round trip (under the member's lock). */
export type PurchaseContext = {
  /** The purchase already stored under this store's receipt id, if any. */
  existing: PurchaseRow | undefined;
  /** `spendBetween` over the tier window. */
  tierSpendYen: number;
  /** `purchaseTotalsBetween` over the day. */
  today: { purchases: number; points: number };
};

/**
 * `findPurchaseByReceipt`, `spendBetween` (tier window) and `purchaseTotalsBetween` (the day) as one
 * statement: the register's purchase runs them back to back while it holds the member's row lock,
 * so every round trip saved is lock time saved for the next purchase of that member.
 */
export async function purchaseContext(
  tx: Database,
  query: { memberId: string; storeId: string; receiptId: string; tierWindow: { from: Date; to: Date }; day: { from: Date; to: Date } },
): Promise<PurchaseContext> {
  const spend = tx.select({ spend: spendYen }).from(purchases).where(spendWhere(query.memberId, query.tierWindow.from, query.tierWindow.to));
  const inDay = memberPurchasesWithin(query.memberId, query.day.from, query.day.to);
  const [row] = await tx
    .select({
      tierSpendYen: sql<string>`(${spend})`,
      todayPurchases: sql<string>`(${tx.select({ n: purchaseTotals.purchases }).from(purchases).where(inDay)})`,
      todayPoints: sql<string>`(${tx.select({ n: purchaseTotals.points }).from(purchases).where(inDay)})`,
      existing: purchases,
    })
    .from(members)
    .leftJoin(purchases, and(eq(purchases.storeId, query.storeId), eq(purchases.receiptId, query.receiptId)))
    .where(eq(members.id, query.memberId))
    .limit(1);
  return {
    existing: row?.existing ?? undefined,
    tierSpendYen: Number(row?.tierSpendYen ?? 0),
    today: { purchases: Number(row?.todayPurchases ?? 0), points: Number(row?.todayPoints ?? 0) },
  };
}

/** Every purchase in [from, to] at one store (or all), voided ones included, for the managers' anomaly list. */
export async function purchasesBetween(tx: Database, from: Date, to: Date, storeId: string | null) {
  const rows = await tx
    .select({ memberId: purchases.memberId, memberNumber: members.memberNumber, receiptId: purchases.receiptId, amountYen: purchases.amountYen, at: purchases.purchasedAt })
    .from(purchases)
    .innerJoin(members, eq(members.id, purchases.memberId))
    .where(and(gte(purchases.purchasedAt, from), lte(purchases.purchasedAt, to), storeId === null ? undefined : eq(purchases.storeId, storeId)))
    .orderBy(asc(purchases.id));
  return rows;
}

/** Qualifying spend: purchases not voided in [from, to]. */
export async function spendBetween(tx: Database, memberId: string, from: Date, to: Date, excludePurchaseId?: number): Promise<number> {
  const rows = await tx.select({ spend: spendYen }).from(purchases).where(spendWhere(memberId, from, to, excludePurchaseId));
  return Number(rows[0]?.spend ?? 0);
}

const spendYen = sql<string>`coalesce(sum(${purchases.amountYen}), 0)`;
const spendWhere = (memberId: string, from: Date, to: Date, excludePurchaseId?: number) =>
  and(
    eq(purchases.memberId, memberId),
    isNull(purchases.voidedAt),
    gte(purchases.purchasedAt, from),
    lte(purchases.purchasedAt, to),
    excludePurchaseId === undefined ? undefined : sql`${purchases.id} <> ${excludePurchaseId}`,
  );

// Stamps

export async function loadStamps(tx: Database, memberId: string): Promise<Stamp[]> {
  const rows = await tx.select().from(stamps).where(eq(stamps.memberId, memberId)).orderBy(asc(stamps.id));
  return rows.map((row) => ({
    purchaseId: String(row.purchaseId),
    cardNumber: row.cardNumber,
    stampedAt: row.stampedAt,
    jstDay: row.jstDay,
    voidedAt: row.voidedAt,
  }));
}

export async function writeStamp(tx: Database, memberId: string, stamp: Stamp): Promise<void> {
  await tx
    .insert(stamps)
    .values({ memberId, ...stamp, purchaseId: Number(stamp.purchaseId) })
    .onConflictDoUpdate({ target: stamps.purchaseId, set: { voidedAt: stamp.voidedAt } });
}

// Coupons

/**
 * The code the clerk scans: 12 digits starting "77". All digits, CODE128 packs two per symbol
 * (code set C), so at 3 CSS px a module the barcode with its quiet zones still fits a phone's
 * width; the length tells it apart from a 13-digit member number.
 */
function newCouponCode(): string {
  let code = '77';
  for (let i = 0; i < 10; i++) code += String(randomInt(10));
  return code;
}

/** Issues a coupon once per (member, issue key); returns the coupon, new or existing. */
export async function issueCoupon(tx: Database, memberId: string, coupon: CouponToIssue, now: Date): Promise<{ coupon: CouponRow; created: boolean }> {
  const inserted = await tx
    .insert(coupons)
    .values({ memberId, ...coupon, code: newCouponCode(), issuedAt: now })
    .onConflictDoNothing({ target: [coupons.memberId, coupons.issueKey] })
    .returning();
  if (inserted[0]) return { coupon: inserted[0], created: true };
  const [existing] = await tx
    .select()
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), eq(coupons.issueKey, coupon.issueKey)));
  if (!existing) throw new Error(`coupon ${coupon.issueKey} neither inserted nor found`);
  return { coupon: existing, created: false };
}

export async function listCoupons(tx: Database, memberId: string): Promise<CouponRow[]> {
  return tx.select().from(coupons).where(eq(coupons.memberId, memberId)).orderBy(desc(coupons.issuedAt));
}

export async function usableCoupons(tx: Database, memberId: string, now: Date): Promise<CouponRow[]> {
  return tx
    .select()
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), isNull(coupons.usedAt), lte(coupons.validFrom, now), gte(coupons.validUntil, now)))
    .orderBy(asc(coupons.validUntil));
}

export async function findCouponByCode(tx: Database, memberId: string, code: string): Promise<CouponRow | undefined> {
  const rows = await tx
    .select()
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), eq(coupons.code, code)))
    .limit(1);
  return rows[0];
}

export async function findCouponById(tx: Database, memberId: string, id: string): Promise<CouponRow | undefined> {
  const rows = await tx
    .select()
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), eq(coupons.id, id)))
    .limit(1);
  return rows[0];
}

export async function markCouponUsed(tx: Database, coupon: CouponRow): Promise<void> {
  await tx
    .update(coupons)
    .set({ usedAt: coupon.usedAt, usedStoreId: coupon.usedStoreId, redeemKey: coupon.redeemKey })
    .where(and(eq(coupons.id, coupon.id), isNull(coupons.usedAt)));
}

export async function couponIssueKeys(tx: Database, memberId: string): Promise<string[]> {
  const rows = await tx.select({ issueKey: coupons.issueKey }).from(coupons).where(eq(coupons.memberId, memberId));
  return rows.map((r) => r.issueKey);
}

// Daily job

/** Members with lots past expiry still holding points, or a birthday in `month` (1–12). */
export async function membersDueForDailyJob(tx: Database, now: Date, month: number): Promise<string[]> {
  const expiring = await tx
    .selectDistinct({ memberId: pointLots.memberId })
    .from(pointLots)
    .where(and(sql`${pointLots.expiresAt} < ${now}`, gt(pointLots.remaining, 0), isNull(pointLots.reversedAt)));
  const birthdays = await tx
    .select({ memberId: members.id })
    .from(members)
    .where(sql`${members.birthday} IS NOT NULL AND extract(month from ${members.birthday}) = ${month}`);
  return [...new Set([...expiring, ...birthdays].map((r) => r.memberId))];
}

export async function memberBirthday(tx: Database, memberId: string): Promise<string | null> {
  const rows = await tx.select({ birthday: members.birthday }).from(members).where(eq(members.id, memberId));
  return rows[0]?.birthday ?? null;
}

function toLedgerEntry(row: typeof pointEntries.$inferSelect): LedgerEntry {
  return {
    key: row.key,
    kind: row.kind,
    at: row.at,
    points: row.points,
    balanceAfter: row.balanceAfter,
    purchaseId: row.purchaseId,
    lotId: row.lotId,
    allocations: row.allocations,
    reversesKey: row.reversesKey,
    reallocations: row.reallocations,
    unrecoverablePoints: row.unrecoverablePoints,
    forfeitedPoints: row.forfeitedPoints,
  };
}

function toPointLot(row: typeof pointLots.$inferSelect): PointLot {
  return {
    id: row.id,
    sourceKey: row.sourceKey,
    earnedAt: row.earnedAt,
    expiresAt: row.expiresAt,
    points: row.points,
    remaining: row.remaining,
    reversedAt: row.reversedAt,
  };
}

/** Whether the member's card has any ledger entry (a card with points cannot be replaced by a recovered one). */
export async function hasLedgerEntries(db: Database, memberId: string): Promise<boolean> {
  return (await db.$count(pointEntries, eq(pointEntries.memberId, memberId))) > 0;
}

/** A transfer's reason names the old card number: withdrawal leaves only "transfer". */
export async function eraseTransferReasons(db: Database, memberId: string): Promise<void> {
  await db.update(pointEntries).set({ reason: 'transfer' }).where(and(eq(pointEntries.memberId, memberId), eq(pointEntries.kind, 'transfer')));
}
