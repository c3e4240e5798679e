import { describe, expect, it } from 'vitest';
import { defaultProgramConfig, type ProgramConfig } from '../../loyalty/program-config';
import { applePassJson, applePassStrings, type PassCard, type PassIdentity } from './apple-pass';

const identity: PassIdentity = {
  passTypeId: 'pass.jp.example.member',
  teamId: 'ABCDE12345',
  webServiceUrl: 'https://card.example.jp/wallet/apple',
  serialNumber: 'serial-1',
  authenticationToken: 'a'.repeat(32),
  voided: false,
};
const card: PassCard = {
  memberNumber: '2900000000209',
  pointsBalance: 12_345,
  tier: { id: 'REINE', name: 'REINE' },
  // 2027-11-30 23:59:59.999 JST
  soonestExpiry: { points: 200, expiresAt: new Date('2027-11-30T14:59:59.999Z') },
};
type Field = { key: string; label?: string; value: string };
const fields = (json: Record<string, unknown>) => Object.values(json.storeCard as Record<string, Field[]>).flat();
const value = (json: Record<string, unknown>, key: string) => fields(json).find((f) => f.key === key)?.value;
const withRotating = (rotating: Partial<ProgramConfig['memberCode']['rotating']>): ProgramConfig => ({
  ...defaultProgramConfig,
  memberCode: { ...defaultProgramConfig.memberCode, rotating: { ...defaultProgramConfig.memberCode.rotating, ...rotating } },
});

describe('the Apple Wallet pass content', () => {
  it('shows the balance, the tier, the soonest expiry as a JST day, and CODE128 of the member number', () => {
    const json = applePassJson(defaultProgramConfig, identity, card);
    expect(value(json, 'points')).toBe('12,345 pt');
    expect(value(json, 'tier')).toBe('REINE');
    expect(value(json, 'expiry')).toBe('200 pt · 2027/11/30');
    expect(value(json, 'number')).toBe('2900000000209');
    expect(json.barcodes).toEqual([{ format: 'PKBarcodeFormatCode128', message: '2900000000209', messageEncoding: 'iso-8859-1', altText: '2900000000209' }]);
    expect(value(applePassJson(defaultProgramConfig, identity, { ...card, soonestExpiry: null }), 'expiry')).toBe('expiry_none');
  });

  it('takes the colours of the tier’s card face, and the default face for a tier without one', () => {
    expect(applePassJson(defaultProgramConfig, identity, card)).toMatchObject({ backgroundColor: 'rgb(91, 26, 58)', foregroundColor: 'rgb(255, 255, 255)' });
    expect(applePassJson(defaultProgramConfig, identity, { ...card, tier: { id: 'REGULAR', name: 'REGULAR' } })).toMatchObject({ backgroundColor: 'rgb(28, 25, 23)' });
  });

  it('lists the stores with a location, ten at most, each with a nearby text in both languages', () => {
    const stores = Array.from({ length: 12 }, (_, i) => ({ id: `store-${i}`, name: { ja: `店${i}`, en: `Store ${i}` }, location: { latitude: 35 + i / 100, longitude: 139 } }));
    const program: ProgramConfig = { ...defaultProgramConfig, stores: [...stores, { id: 'hq', name: { ja: '本部', en: 'Head office' } }] };
    const locations = applePassJson(program, identity, card).locations as Array<{ relevantText: string }>;
    expect(locations).toHaveLength(10);
    expect(locations[0]).toEqual({ latitude: 35, longitude: 139, relevantText: 'near_store-0' });
    expect(applePassStrings(program).ja['near_store-0']).toBe('店0の近くです。会員カードをどうぞ');
    expect(applePassStrings(program).en['near_store-0']).toBe('Store 0 is nearby: your member card is ready');
  });

  it('says on the back that the pass number earns only and spending needs the rotating code, as the programme rules it', () => {
    expect(applePassStrings(defaultProgramConfig).ja.earn_only_text).toContain('30秒ごとに変わる「使う」コード');
    expect(applePassStrings(defaultProgramConfig).en.earn_only_text).toContain('earns points');
    expect(applePassStrings(withRotating({ enabled: false })).ja.earn_only_text).toContain('ポイントやクーポンを使うこともできます');
    expect(applePassStrings(withRotating({ requiredFor: { earn: true, spend: true } })).ja.earn_only_text).toContain('残高の確認用');
  });

  it('translates every label and text key the pass names, in Japanese and English', () => {
    for (const json of [applePassJson(defaultProgramConfig, identity, card), applePassJson(defaultProgramConfig, { ...identity, voided: true }, card)]) {
      const keys = fields(json).flatMap((f) => [f.label, /^[a-z_]+$/.test(f.value) ? f.value : undefined]).filter((k): k is string => k !== undefined);
      keys.push(json.description as string);
      for (const [language, strings] of Object.entries(applePassStrings(defaultProgramConfig))) {
        for (const key of keys) expect(strings, `${language} ${key}`).toHaveProperty([key]);
      }
    }
  });

  it('a voided pass (withdrawal) shows nothing of the member: no barcode, number, figures or locations', () => {
    const json = applePassJson(defaultProgramConfig, { ...identity, voided: true }, card);
    expect(json.voided).toBe(true);
    expect(JSON.stringify(json)).not.toContain(card.memberNumber);
    expect(JSON.stringify(json)).not.toContain('12,345');
    expect(json.barcodes).toBeUndefined();
    expect(json.locations).toBeUndefined();
    expect(applePassJson(defaultProgramConfig, identity, null).voided).toBe(true);
  });
});
