import type { CardFace } from '../../../contract/card';
import { jstDate } from '../../loyalty/jst';
import type { ProgramConfig } from '../../loyalty/program-config';

/**
 * The pass's content (pass.json and its .lproj strings) as plain values: no I/O, no signing.
 * Labels are keys that Wallet looks up in the phone's language (ja.lproj first, en.lproj).
 */

/** What the pass shows of the card; null for a voided pass, which shows nothing of the member. */
export type PassCard = {
  memberNumber: string;
  pointsBalance: number;
  tier: { id: string; name: string };
  soonestExpiry: { points: number; expiresAt: Date } | null;
};

export type PassIdentity = {
  passTypeId: string;
  teamId: string;
  webServiceUrl: string;
  serialNumber: string;
  authenticationToken: string;
  voided: boolean;
};

/** Wallet shows this many locations at most (Apple's limit). */
const MAX_LOCATIONS = 10;

const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
const points = (n: number) => `${n.toLocaleString('ja-JP')} pt`;
const jstDay = (instant: Date) => {
  const { year, month, day } = jstDate(instant);
  return `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
};

export function applePassJson(program: ProgramConfig, identity: PassIdentity, card: PassCard | null): Record<string, unknown> {
  const face: CardFace = (card && program.brand.tierFaces[card.tier.id]) ?? program.brand.face;
  const common = {
    formatVersion: 1,
    passTypeIdentifier: identity.passTypeId,
    teamIdentifier: identity.teamId,
    serialNumber: identity.serialNumber,
    authenticationToken: identity.authenticationToken,
    webServiceURL: identity.webServiceUrl,
    organizationName: program.brandName,
    description: 'member_card_description',
    logoText: program.brandName,
    backgroundColor: rgb(face.background),
    foregroundColor: rgb(face.text),
    labelColor: rgb(face.text),
    sharingProhibited: true,
  };
  if (!card || identity.voided) {
    return {
      ...common,
      voided: true,
      storeCard: {
        primaryFields: [{ key: 'status', label: 'status_label', value: 'status_withdrawn' }],
        backFields: [{ key: 'withdrawn', label: 'withdrawn_label', value: 'withdrawn_text' }],
      },
    };
  }
  return {
    ...common,
    barcodes: [{ format: 'PKBarcodeFormatCode128', message: card.memberNumber, messageEncoding: 'iso-8859-1', altText: card.memberNumber }],
    locations: program.stores
      .filter((store) => store.location)
      .slice(0, MAX_LOCATIONS)
      .map((store) => ({ latitude: store.location!.latitude, longitude: store.location!.longitude, relevantText: `near_${store.id}` })),
    storeCard: {
      headerFields: [{ key: 'tier', label: 'tier_label', value: card.tier.name, changeMessage: 'tier_changed' }],
      primaryFields: [{ key: 'points', label: 'points_label', value: points(card.pointsBalance), changeMessage: 'points_changed' }],
      secondaryFields: [
        {
          key: 'expiry',
          label: 'expiry_label',
          value: card.soonestExpiry ? `${points(card.soonestExpiry.points)} · ${jstDay(card.soonestExpiry.expiresAt)}` : 'expiry_none',
        },
      ],
      auxiliaryFields: [{ key: 'number', label: 'number_label', value: card.memberNumber }],
      backFields: [
        { key: 'earn_only', label: 'earn_only_label', value: 'earn_only_text' },
        { key: 'balance_note', label: 'balance_note_label', value: 'balance_note_text' },
        { key: 'withdrawal', label: 'withdrawal_label', value: 'withdrawal_text' },
      ],
    },
  };
}

/** The pass's words in Japanese and English (pass.strings of ja.lproj and en.lproj). */
export function applePassStrings(program: ProgramConfig): { ja: Record<string, string>; en: Record<string, string> } {
  const { rotating } = program.memberCode;
  const period = rotating.periodSeconds;
  // What the pass's static number may do at the register follows the programme's rotating-code rules (members/member-code.ts).
  const uses = !rotating.enabled ? 'both' : rotating.requiredFor.earn ? 'none' : rotating.requiredFor.spend ? 'earn' : 'both';
  const useText = {
    ja: {
      earn: `レジでこのバーコードを読み取ると、お買い物のポイントがたまります。ポイントやクーポンを使うときは、LINEの会員カードを開き、${period}秒ごとに変わる「使う」コードをご提示ください（画面のコピーでの不正利用を防ぐためです）。`,
      both: 'レジでこのバーコードを読み取ると、ポイントがたまり、ポイントやクーポンを使うこともできます。',
      none: `お会計では、LINEの会員カードを開き、${period}秒ごとに変わるコードをご提示ください。このパスは残高の確認用です。`,
    },
    en: {
      earn: `Scanned at the register, this barcode earns points on your purchase. To spend points or use a coupon, open the member card in LINE and show its "spend" code, which changes every ${period} seconds (so a copied screen cannot be used).`,
      both: 'Scanned at the register, this barcode earns points, and spends points and coupons too.',
      none: `At the register, open the member card in LINE and show its code, which changes every ${period} seconds. This pass shows your balance.`,
    },
  };
  const near = (lang: 'ja' | 'en') =>
    Object.fromEntries(
      program.stores
        .filter((store) => store.location)
        .map((store) => [`near_${store.id}`, lang === 'ja' ? `${store.name.ja}の近くです。会員カードをどうぞ` : `${store.name.en} is nearby: your member card is ready`]),
    );
  return {
    ja: {
      member_card_description: `${program.brandName} 会員カード`,
      tier_label: 'ランク',
      tier_changed: 'ランクが %@ になりました',
      points_label: 'ポイント残高',
      points_changed: 'ポイント残高が %@ になりました',
      expiry_label: '次に失効するポイント',
      expiry_none: 'なし',
      number_label: '会員番号',
      earn_only_label: 'このパスでできること',
      earn_only_text: useText.ja[uses],
      balance_note_label: '表示について',
      balance_note_text: 'ポイント残高・ランク・失効予定は変更があるたびに自動で更新されます。最新の内容はLINEの会員カードでご確認ください。',
      withdrawal_label: '退会について',
      withdrawal_text: '退会するとこのパスは無効になり、会員情報は表示されなくなります。',
      status_label: '会員カード',
      status_withdrawn: '無効（退会済み）',
      withdrawn_label: 'このパスについて',
      withdrawn_text: '退会によりこの会員カードは無効になりました。ウォレットから削除してください。',
      ...near('ja'),
    },
    en: {
      member_card_description: `${program.brandName} member card`,
      tier_label: 'Tier',
      tier_changed: 'Your tier is now %@',
      points_label: 'Points',
      points_changed: 'Your points balance is now %@',
      expiry_label: 'Points expiring next',
      expiry_none: 'None',
      number_label: 'Member number',
      earn_only_label: 'What this pass does',
      earn_only_text: useText.en[uses],
      balance_note_label: 'About the figures',
      balance_note_text: 'Your points, tier and expiring points update by themselves after every change. The member card in LINE always has the latest.',
      withdrawal_label: 'Leaving the programme',
      withdrawal_text: 'When you withdraw, this pass is voided and shows none of your membership.',
      status_label: 'Member card',
      status_withdrawn: 'Void (membership ended)',
      withdrawn_label: 'About this pass',
      withdrawn_text: 'This member card was voided when the membership ended. You can remove it from Wallet.',
      ...near('en'),
    },
  };
}
