import { sql, type SQL } from 'drizzle-orm';

/**
 * Everything the member card shows, in one statement (one round trip): the member row's card
 * fields and session generation, and the ledger's figures as of `:now`. The ledger stays the
 * source of truth; nothing is kept in a summary. Each part is an index range on `(member_id, …)`:
 *
 *   balance   live lots (`expires_at >= now`, not reversed): sum of what they still hold
 *   soonest   the earliest expiry instant among live lots still holding points, and its points
 *   spend     purchases not voided with `:tier_from <= purchased_at <= now` (the tier window)
 *   stamps    the highest card holding a stamp not voided, and how many such stamps it holds
 *   coupons   coupons not used with `valid_from <= now <= valid_until`
 *
 * Written with named parameters (`:member`, `:now`, `:tier_from`) so the benchmark hands this very
 * text to pgbench; `cardStatement` binds them for the BFF. No row when the member does not exist.
 */
export const CARD_SQL = `select m.line_user_id, m.member_number, m.display_name, m.session_generation,
  (select coalesce(sum(l.remaining), 0)::float8 from point_lots l
    where l.member_id = m.id and l.expires_at >= :now and l.reversed_at is null) as points_balance,
  (extract(epoch from soon.expires_at) * 1000)::float8 as soonest_expires_ms,
  soon.points as soonest_points,
  (select coalesce(sum(p.amount_yen), 0)::float8 from purchases p
    where p.member_id = m.id and p.voided_at is null and p.purchased_at >= :tier_from and p.purchased_at <= :now) as spend_yen,
  card.card_number as stamp_card_number,
  card.stamps as stamp_card_stamps,
  (select count(*)::float8 from coupons k
    where k.member_id = m.id and k.used_at is null and k.valid_from <= :now and k.valid_until >= :now) as usable_coupons
from members m
left join lateral (
  select l.expires_at, sum(l.remaining)::float8 as points from point_lots l
  where l.member_id = m.id and l.expires_at >= :now and l.reversed_at is null and l.remaining > 0
  group by l.expires_at order by l.expires_at limit 1
) soon on true
left join lateral (
  select s.card_number, count(*)::float8 as stamps from stamps s
  where s.member_id = m.id and s.voided_at is null
  group by s.card_number order by s.card_number desc limit 1
) card on true
where m.id = :member`;

export type CardStatementParams = { member: string; now: Date; tierFrom: Date };

/** The row CARD_SQL returns (numbers come back as float8, so both drivers hand over JS numbers). */
export type CardStatementRow = {
  line_user_id: string | null;
  member_number: string;
  display_name: string | null;
  session_generation: number;
  points_balance: number;
  soonest_expires_ms: number | null;
  soonest_points: number | null;
  spend_yen: number;
  stamp_card_number: number | null;
  stamp_card_stamps: number | null;
  usable_coupons: number;
};

/** CARD_SQL with its named parameters bound (`::` casts are left alone). */
export function cardStatement(params: CardStatementParams): SQL {
  const values: Record<string, string> = {
    member: params.member,
    now: params.now.toISOString(),
    tier_from: params.tierFrom.toISOString(),
  };
  return sql.join(CARD_SQL_PARTS.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[part]}`)));
}

/** CARD_SQL split once: text and parameter names alternate (a split with a capture group). */
const CARD_SQL_PARTS = CARD_SQL.split(/(?<!:):(member|now|tier_from)\b/);
