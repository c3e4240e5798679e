import type { CardFace, MemberCard, Symbology } from '../../contract/card';
import type { MemberRow } from './members.repository';

/**
 * What the card shows from the ledger. The loyalty service provides it; members ranks below
 * loyalty, so this names only the shape it reads.
 */
export type CardLedgerFigures = Pick<MemberCard, 'pointsBalance' | 'tier' | 'stamps' | 'usableCouponCount'> & {
  soonestExpiry: { points: number; expiresAt: Date } | null;
};

/** The member fields a card read returns with the figures, for the card and the session check. */
export type CardMemberFields = Pick<MemberRow, 'id' | 'lineUserId' | 'memberNumber' | 'displayName' | 'sessionGeneration'>;

/** A member's card read in one round trip; undefined when the member does not exist. */
export type MemberCardRead = CardMemberFields & { ledger: CardLedgerFigures };

export type MemberCardDeps = {
  program: {
    brandName: string;
    brand: { logo: MemberCard['logo']; face: CardFace; tierFaces: Record<string, CardFace> };
    memberCode: { symbology: Symbology };
  };
  loyalty: { memberCard(memberId: string): Promise<MemberCardRead | undefined> };
};

/** The member card as the shopper sees it: the member row plus the ledger's figures, in the tier's face. */
export function toMemberCard(program: MemberCardDeps['program'], member: Pick<MemberRow, 'memberNumber' | 'displayName'>, ledger: CardLedgerFigures): MemberCard {
  const { brand } = program;
  return {
    brandName: program.brandName,
    face: brand.tierFaces[ledger.tier.current.id] ?? brand.face,
    logo: brand.logo,
    memberNumber: member.memberNumber,
    symbology: program.memberCode.symbology,
    displayName: member.displayName,
    pointsBalance: ledger.pointsBalance,
    soonestExpiry: ledger.soonestExpiry && { points: ledger.soonestExpiry.points, expiresAt: ledger.soonestExpiry.expiresAt.toISOString() },
    tier: ledger.tier,
    stamps: ledger.stamps,
    usableCouponCount: ledger.usableCouponCount,
  };
}
