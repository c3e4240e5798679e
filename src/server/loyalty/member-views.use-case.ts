import type { Coupon } from '../../contract/coupons';
import type { Database } from '../db/database';
import { findMemberById } from '../members/members.repository';
import { toCoupon } from './coupons.use-case';
import type { LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import type { ProgramConfig } from './program-config';
import { stampCardView } from './stamps';
import { tierProgress, tierWindowStart, toTierProgressView } from './tiers';

/** Read-only views of one member's loyalty state, as of the clock's now; nothing here writes or locks. */

export type MemberLoyaltySummary = {
  pointsBalance: number;
  soonestExpiry: { points: number; expiresAt: Date } | null;
  tier: ReturnType<typeof toTierProgressView>;
  stamps: { count: number; cardSize: number };
  usableCoupons: Coupon[];
};

const HISTORY_LIMIT = 100;

async function tierAt(tx: Database, program: ProgramConfig, memberId: string, now: Date) {
  const spend = await repo.spendBetween(tx, memberId, tierWindowStart(now, program), now);
  return tierProgress(spend, program);
}

/** `tx`: read inside a caller's transaction instead of on its own connection. */
export async function memberSummary({ db, program, clock }: LoyaltyDeps, memberId: string, tx: Database = db): Promise<MemberLoyaltySummary> {
  const now = clock();
  const [pointsBalance, expiries, tier, stamps, coupons] = await Promise.all([
    repo.liveBalance(tx, memberId, now),
    repo.upcomingExpiries(tx, memberId, now),
    tierAt(tx, program, memberId, now),
    repo.loadStamps(tx, memberId),
    repo.usableCoupons(tx, memberId, now),
  ]);
  const card = stampCardView(stamps, program);
  return {
    pointsBalance,
    soonestExpiry: expiries[0] ?? null,
    tier: toTierProgressView(tier),
    stamps: { count: card.stamps.length, cardSize: program.stamps.cardSize },
    usableCoupons: coupons.map((c) => toCoupon(c, now)),
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
