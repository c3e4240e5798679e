import { and, eq, isNull } from 'drizzle-orm';
import { normalisePhone, splitFullName } from '../../contract/profile';
import type { Database } from '../db/database';
import { crmMembers } from '../db/schema/linking';
import type { CrmAdapter } from './crm-adapter';

/** The built-in CRM: existing memberships kept in our own `crm_members` table. */
export function createBuiltinCrm(db: Database): CrmAdapter {
  return {
    async verify(memberNumber, factor) {
      const [row] = await db
        .select()
        .from(crmMembers)
        .where(and(eq(crmMembers.memberNumber, memberNumber), isNull(crmMembers.retiredAt)));
      if (!row) return null;
      const matches =
        factor.kind === 'birthday'
          ? row.birthday !== null && row.birthday === factor.birthday
          : row.phone !== null && normalisePhone(row.phone) === normalisePhone(factor.phone);
      if (!matches) return null;
      // The built-in table keeps one name field, as paper-card records had it.
      const { family, given } = splitFullName(row.name);
      return { id: row.id, memberNumber: row.memberNumber, familyName: family, givenName: given, pointsBalance: row.pointsBalance };
    },
    async settleTransfer(crmMemberId) {
      await db.update(crmMembers).set({ pointsBalance: 0 }).where(eq(crmMembers.id, crmMemberId));
    },
    async retireNumber(crmMemberId) {
      // The clock is irrelevant here: only "retired or not" is read.
      await db.update(crmMembers).set({ retiredAt: new Date() }).where(and(eq(crmMembers.id, crmMemberId), isNull(crmMembers.retiredAt)));
    },
  };
}

/** A membership as the built-in CRM stores it (dev and test wiring pass their seed data in). */
export type BuiltinCrmMember = { id: string; memberNumber: string; name: string; birthday: string | null; phone: string | null; pointsBalance: number };

/** Development seed: the "paper card" members to link. Running it again changes nothing. */
export async function seedBuiltinCrm(db: Database, seed: BuiltinCrmMember[]): Promise<void> {
  if (seed.length === 0) return;
  await db.insert(crmMembers).values(seed).onConflictDoNothing();
}
