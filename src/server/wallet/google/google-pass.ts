import { jstDate } from '../../loyalty/jst';
import type { ProgramConfig } from '../../loyalty/program-config';

/**
 * What the Google Wallet loyalty class and objects say, from the programme and the card's
 * figures: pure, no I/O. Shapes follow walletobjects/v1 (LoyaltyClass, LoyaltyObject).
 *
 * Google puts `rewardsTier` on the class, not on the object, so a member's own tier travels as a
 * text module (`tier`) that the class's card template shows on the front, beside the soonest
 * expiry (`expiry`). The barcode is the member number as CODE 128: the same 13 digits the clerk
 * console scans from the card, whichever symbology the app draws (Google Wallet has no NW-7, and
 * the number is not a product EAN).
 */

export type PassFigures = {
  memberNumber: string;
  pointsBalance: number;
  tier: { id: string; name: string };
  soonestExpiry: { points: number; expiresAt: Date } | null;
};

type LocalizedString = { defaultValue: { language: string; value: string }; translatedValues: Array<{ language: string; value: string }> };

const localized = (ja: string, en: string): LocalizedString => ({
  defaultValue: { language: 'ja', value: ja },
  translatedValues: [{ language: 'en', value: en }],
});

/** The class id: one class per programme (its brand), `<issuer id>.<suffix>`. */
export function loyaltyClassId(issuerId: string, program: Pick<ProgramConfig, 'brandName'>): string {
  const slug = program.brandName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${issuerId}.loyalty-${slug || 'programme'}`;
}

export function buildLoyaltyClass(input: { classId: string; program: ProgramConfig; logoUri: string }) {
  const { program } = input;
  const locations = program.stores.flatMap((store) => (store.location ? [{ latitude: store.location.latitude, longitude: store.location.longitude }] : []));
  return {
    id: input.classId,
    issuerName: program.brandName,
    programName: program.brandName,
    localizedProgramName: localized(`${program.brandName} 会員カード`, `${program.brandName} membership card`),
    programLogo: { sourceUri: { uri: input.logoUri }, contentDescription: localized(program.brandName, program.brandName) },
    hexBackgroundColor: program.brand.face.background,
    countryCode: 'JP',
    reviewStatus: 'UNDER_REVIEW',
    accountIdLabel: '会員番号',
    localizedAccountIdLabel: localized('会員番号', 'Member no.'),
    // Lock-screen relevance near a store (Google shows at most 10 locations).
    locations: locations.slice(0, 10),
    merchantLocations: locations.slice(0, 10),
    classTemplateInfo: {
      cardTemplateOverride: {
        cardRowTemplateInfos: [
          {
            twoItems: {
              startItem: { firstValue: { fields: [{ fieldPath: "object.textModulesData['tier']" }] } },
              endItem: { firstValue: { fields: [{ fieldPath: "object.textModulesData['expiry']" }] } },
            },
          },
        ],
      },
    },
  };
}

const formatJa = (date: Date) => {
  const { year, month, day } = jstDate(date);
  return `${year}年${month}月${day}日`;
};
const formatEn = (date: Date) => {
  const { year, month, day } = jstDate(date);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** The fields that change with the card: points, tier, soonest expiry. What a PATCH sends. */
export function loyaltyObjectFigures(figures: PassFigures) {
  const expiry = figures.soonestExpiry;
  const expiryJa = expiry ? `${expiry.points.toLocaleString('ja-JP')} pt: ${formatJa(expiry.expiresAt)}まで` : '失効予定のポイントはありません';
  const expiryEn = expiry ? `${expiry.points.toLocaleString('en-US')} pt until ${formatEn(expiry.expiresAt)}` : 'No points expiring';
  return {
    loyaltyPoints: { label: 'pt', localizedLabel: localized('ポイント', 'Points'), balance: { int: figures.pointsBalance } },
    textModulesData: [
      { id: 'tier', header: '会員ランク', body: figures.tier.name, localizedHeader: localized('会員ランク', 'Tier'), localizedBody: localized(figures.tier.name, figures.tier.name) },
      { id: 'expiry', header: '有効期限', body: expiryJa, localizedHeader: localized('有効期限', 'Expiring'), localizedBody: localized(expiryJa, expiryEn) },
      {
        id: 'earn-only',
        header: 'ご利用について',
        body: EARN_ONLY_JA,
        localizedHeader: localized('ご利用について', 'Using this pass'),
        localizedBody: localized(EARN_ONLY_JA, EARN_ONLY_EN),
      },
    ],
  };
}

const EARN_ONLY_JA = 'この会員番号ではポイントをためることができます。ポイントやクーポンを使うときは、LINEの会員証の「ポイント・クーポンを使う」で表示されるコード（毎回変わります）をご提示ください。';
const EARN_ONLY_EN = 'Show this number to earn points. To spend points or use coupons, show the changing code from "Use points or coupons" on the membership card in LINE.';

/** The whole object, as the save link carries it and as it is created when a PATCH finds none. */
export function buildLoyaltyObject(input: { objectId: string; classId: string; figures: PassFigures }) {
  return {
    id: input.objectId,
    classId: input.classId,
    state: 'ACTIVE' as const,
    accountId: input.figures.memberNumber,
    barcode: { type: 'CODE_128', value: input.figures.memberNumber, alternateText: input.figures.memberNumber },
    ...loyaltyObjectFigures(input.figures),
  };
}
