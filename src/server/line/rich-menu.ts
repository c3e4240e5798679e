import type { Database } from '../db/database';
import type { Tx } from '../db/transaction';
import { findTierSnapshot, hasActiveLink } from './line-members.repository';
import { enqueueRichMenu } from './outbox.repository';

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
    tierId = (await findTierSnapshot(tx, input.memberId))?.tierId ?? null;
  }
  const linked = await hasActiveLink(tx, input.memberId);
  await enqueueRichMenu(tx, {
    lineUserId: input.lineUserId,
    richMenuId: richMenuFor({ linked, tierId }, input.menus),
    now: input.now,
  });
}
