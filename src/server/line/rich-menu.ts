import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database';
import { memberTierSnapshots } from '../db/schema/line';
import { memberLinks } from '../db/schema/linking';
import type { Tx } from '../db/transaction';
import { enqueueRichMenu } from './outbox';

/** Rich menu ids by state: `linked`, `unlinked`, and optionally one per tier id (wins when present). */
export type RichMenuIds = Record<string, string>;

export function richMenuFor(state: { linked: boolean; tierId: string | null }, menus: RichMenuIds): string | null {
  if (state.tierId && menus[state.tierId]) return menus[state.tierId]!;
  return menus[state.linked ? 'linked' : 'unlinked'] ?? null;
}

/**
 * Queues the switch of a member's rich menu after a change of link state or tier. Without a
 * `tierId` the tier last seen by the daily job is used.
 */
export async function queueRichMenuSwitch(
  tx: Tx | Database,
  input: { memberId: string; lineUserId: string; tierId?: string; menus: RichMenuIds; now: Date },
) {
  if (Object.keys(input.menus).length === 0) return;
  let tierId = input.tierId ?? null;
  if (input.tierId === undefined) {
    const [snapshot] = await tx.select({ tierId: memberTierSnapshots.tierId }).from(memberTierSnapshots).where(eq(memberTierSnapshots.memberId, input.memberId));
    tierId = snapshot?.tierId ?? null;
  }
  const [link] = await tx
    .select({ id: memberLinks.id })
    .from(memberLinks)
    .where(and(eq(memberLinks.memberId, input.memberId), isNull(memberLinks.unlinkedAt)));
  await enqueueRichMenu(tx, {
    lineUserId: input.lineUserId,
    richMenuId: richMenuFor({ linked: Boolean(link), tierId }, input.menus),
    now: input.now,
  });
}
