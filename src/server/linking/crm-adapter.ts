import type { SingleSecondFactor } from '../../contract/link';

/** An existing membership in the store's CRM, its name as 姓 and 名 like our profile's. */
export type CrmMember = { id: string; memberNumber: string; familyName: string; givenName: string; pointsBalance: number };

/**
 * The store's CRM behind one interface: built-in (our own tables) or an external CRM over HTTP.
 * `verify` answers null for an unknown number and for a wrong second factor alike, so a caller
 * learns nothing about which part was wrong.
 */
export type CrmAdapter = {
  verify(memberNumber: string, factor: SingleSecondFactor): Promise<CrmMember | null>;
  /** Records in the CRM that its balance moved into our ledger (the CRM balance becomes 0). */
  settleTransfer(crmMemberId: string, points: number, idempotencyKey: string): Promise<void>;
  /** Stops the old number from being used (programme config `linking.oldNumber: retire`). */
  retireNumber(crmMemberId: string): Promise<void>;
};

export class CrmUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmUnavailableError';
  }
}
