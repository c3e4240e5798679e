import type { Coupon } from '../../contract/coupons';
import type { Database } from '../db/database';
import { findMemberById } from '../members/members.repository';
import { toCoupon } from './coupons.use-case';
import type { LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import type { ProgramConfig } from './program-config';
import { stampCardView, stampsOnCardBeingFilled } from './stamps';
import { tierProgress, tierWindowStart, toTierProgressView } from './tiers';
import type { CardLedgerFigures, MemberCardRead } from '../members/member-card';
import type { CardStatementRow } from './card-statement';

/** Read-only views of one member's loyalty state, as of the clock's now; nothing here writes or locks. */

export type MemberLoyaltySummary = {
  pointsBalance: number;
  soonestExpiry: { points: number; expiresAt: Date } | null;
  tier: ReturnType<typeof toTierProgressView>;
  stamps: { count: number; cardSize: number };
  usableCoupons: Coupon[];
};

const HISTORY_LIMIT = 100;

/**
 * The member card's read: the member's card fields and the ledger's figures in one statement
 * (card-statement.ts); undefined when the member does not exist. `tx`: as for memberSummary.
 */
export async function memberCard({ db, program, clock }: LoyaltyDeps, memberId: string, tx: Database = db): Promise<MemberCardRead | undefined> {
  const now = clock();
  const row = await repo.cardFigures(tx, { member: memberId, now, tierFrom: tierWindowStart(now, program) });
  if (!row) return undefined;
  return {
    id: memberId,
    lineUserId: row.line_user_id,
    memberNumber: row.member_number,
    displayName: row.display_name,
    sessionGeneration: row.session_generation,
    ledger: ledgerFigures(row, program),
  };
}

/** `tx`: read inside a caller's transaction instead of on its own connection. */
export async function memberSummary({ db, program, clock }: LoyaltyDeps, memberId: string, tx: Database = db): Promise<MemberLoyaltySummary> {
  const now = clock();
  const readFigures = () => repo.cardFigures(tx, { member: memberId, now, tierFrom: tierWindowStart(now, program) });
  const readCoupons = () => repo.usableCoupons(tx, memberId, now);
  // On the pool the two reads go side by side; in a transaction, one after the other on its connection.
  const [row, coupons] = tx === db ? await Promise.all([readFigures(), readCoupons()]) : [await readFigures(), await readCoupons()];
  // A member that does not exist has no ledger rows either (foreign keys): every figure is zero.
  const figures = ledgerFigures(row ?? EMPTY_LEDGER, program);
  return {
    pointsBalance: figures.pointsBalance,
    soonestExpiry: figures.soonestExpiry,
    tier: figures.tier,
    stamps: figures.stamps,
    usableCoupons: coupons.map((c) => toCoupon(c, now)),
  };
}

const EMPTY_LEDGER = {
  points_balance: 0,
  soonest_expires_ms: null,
  soonest_points: null,
  spend_yen: 0,
  stamp_card_number: null,
  stamp_card_stamps: null,
  usable_coupons: 0,
} satisfies Omit<CardStatementRow, 'line_user_id' | 'member_number' | 'display_name' | 'session_generation'>;

function ledgerFigures(row: typeof EMPTY_LEDGER | CardStatementRow, program: ProgramConfig): CardLedgerFigures {
  const latestCard = row.stamp_card_number === null ? null : { cardNumber: row.stamp_card_number, stamps: row.stamp_card_stamps ?? 0 };
  return {
    pointsBalance: row.points_balance,
    soonestExpiry: row.soonest_expires_ms === null ? null : { points: row.soonest_points ?? 0, expiresAt: new Date(row.soonest_expires_ms) },
    tier: toTierProgressView(tierProgress(row.spend_yen, program)),
    stamps: { count: stampsOnCardBeingFilled(latestCard, program), cardSize: program.stamps.cardSize },
    usableCouponCount: row.usable_coupons,
  };
}

export async function pointsOverview({ db, clock }: LoyaltyDeps, memberId: string) {
  const now = clock();
  const [balance, expiries, history] = await Promise.all([
    repo.liveBalance(db, memberId, now),
    repo.upcomingExpiries(db, memberId, now),
    repo.pointsHistory(db, memberId, HISTORY_LIMIT),
  ]);
  return { balance, upcomingExpiries: expiries, history };
}

export async function stampCard({ db, program }: LoyaltyDeps, memberId: string) {
  return stampCardView(await repo.loadStamps(db, memberId), program);
}

/** A purchase of one store by its receipt, as the clerk sees it before voiding it; null if there is none. */
export async function purchaseByReceipt({ db }: LoyaltyDeps, input: { storeId: string; receiptId: string }) {
  const purchase = await repo.findPurchaseByReceipt(db, input.storeId, input.receiptId);
  if (!purchase) return null;
  const member = await findMemberById(db, purchase.memberId);
  return { ...purchase, memberNumber: member?.memberNumber ?? null };
}
