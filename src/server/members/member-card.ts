import type { CardFace, MemberCard, Symbology } from '../../contract/card';
import type { MemberRow } from './members.repository';

/**
 * What the card shows from the ledger. The loyalty service provides it; members ranks below
 * loyalty, so this names only the shape it reads.
 */
export type CardLedgerSummary = Pick<MemberCard, 'pointsBalance' | 'tier' | 'stamps'> & {
  soonestExpiry: { points: number; expiresAt: Date } | null;
  usableCoupons: readonly unknown[];
};

export type MemberCardDeps = {
  program: {
    brandName: string;
    brand: { logo: MemberCard['logo']; face: CardFace; tierFaces: Record<string, CardFace> };
    memberCode: { symbology: Symbology };
  };
  loyalty: { memberSummary(memberId: string): Promise<CardLedgerSummary> };
};

/** The member card as the shopper sees it: the member row plus the ledger's summary. */
export async function memberCardOf(deps: MemberCardDeps, member: Pick<MemberRow, 'id' | 'memberNumber' | 'displayName'>): Promise<MemberCard> {
  const summary = await deps.loyalty.memberSummary(member.id);
  const { brand } = deps.program;
  return {
    brandName: deps.program.brandName,
    face: brand.tierFaces[summary.tier.current.id] ?? brand.face,
    logo: brand.logo,
    memberNumber: member.memberNumber,
    symbology: deps.program.memberCode.symbology,
    displayName: member.displayName,
    pointsBalance: summary.pointsBalance,
    soonestExpiry: summary.soonestExpiry && { points: summary.soonestExpiry.points, expiresAt: summary.soonestExpiry.expiresAt.toISOString() },
    tier: summary.tier,
    stamps: summary.stamps,
    usableCouponCount: summary.usableCoupons.length,
  };
}
