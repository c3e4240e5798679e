import type { PointsHistoryLabel } from '../../contract/points';

/**
 * What a ledger entry was, in the words the shopper's history shows. The entry's key says where it
 * came from: `purchase:<id>` (earning), `redeem:<key>` (points used at the register),
 * `expire:lot:…`, `reverse:<target key>` (a void), `link-incentive:…`, `profile-completion:…`,
 * `crm-transfer:…`, `seed:…` (demo personas' points, shown as a bonus); other adjustments are staff's.
 */
export function historyLabel(entry: { kind: string; key: string }): PointsHistoryLabel {
  switch (entry.kind) {
    case 'earn':
      return 'purchase';
    case 'redeem':
      return 'points_used';
    case 'expire':
      return 'expired';
    case 'transfer':
      return 'transfer';
    case 'reverse':
      return entry.key.startsWith('reverse:purchase:') ? 'purchase_void' : 'points_returned';
  }
  if (entry.key.startsWith('link-incentive:')) return 'link_bonus';
  if (entry.key.startsWith('profile-completion:')) return 'profile_bonus';
  if (entry.key.startsWith('seed:')) return 'bonus';
  return 'adjustment';
}
