import type { Coupon } from '../../contract/coupons';
import type { Database } from '../db/database';
import { birthdayCouponFor, couponStatus } from './coupons';
import { inTransaction, type LoyaltyDeps } from './loyalty-deps';
import * as repo from './loyalty.repository';
import { storeName, type ProgramConfig } from './program-config';

/** A stored coupon as the contract shows it, its status as of `now`; with `stores`, where a used one was used. */
export function toCoupon(row: repo.CouponRow, now: Date, stores?: ProgramConfig['stores']): Coupon {
  return {
    id: row.id,
    kind: row.kind,
    title: { ja: row.title, en: row.titleEn ?? row.title },
    discount: row.discount,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    status: couponStatus(row, now),
    usedAt: row.usedAt?.toISOString() ?? null,
    usedAtStore: stores ? storeName({ stores }, row.usedStoreId) : null,
    code: row.code,
  };
}

export async function coupons({ db, clock, program }: LoyaltyDeps, memberId: string): Promise<Coupon[]> {
  const now = clock();
  return (await repo.listCoupons(db, memberId)).map((c) => toCoupon(c, now, program.stores));
}

export async function issueBirthdayCouponIfDue(
  { db, program, clock }: LoyaltyDeps,
  memberId: string,
  outer?: Database,
): Promise<{ issued: Coupon | null }> {
  return inTransaction(db, outer, async (tx) => {
    const now = clock();
    const due = birthdayCouponFor(await repo.memberBirthday(tx, memberId), now, program);
    if (!due) return { issued: null };
    const { coupon, created } = await repo.issueCoupon(tx, memberId, due, now);
    return { issued: created ? toCoupon(coupon, now) : null };
  });
}
