import { describe, expect, it } from 'vitest';
import { defaultProgramConfig, parseProgramConfig } from './program-config';

describe('programme config', () => {
  it('refuses control characters in its names and titles, which the contract would refuse on the card', () => {
    const tiers = defaultProgramConfig.tiers.map((tier, i) => (i === 1 ? { ...tier, name: 'REI\u0000NE' } : tier));
    expect(() => parseProgramConfig({ ...defaultProgramConfig, brandName: 'Member\nCard', tiers })).toThrow(/brandName: must not contain control characters[\s\S]*tiers\.1\.name/);
    expect(parseProgramConfig(defaultProgramConfig)).toEqual(defaultProgramConfig);
  });
});

describe('brand look', () => {
  const face = { background: '#1c1917', text: '#ffffff', badgeBackground: '#fcd34d', badgeText: '#1c1917' };

  it('computes WCAG contrast ratios (black on white 21:1, same colour 1:1)', async () => {
    const { contrastRatio } = await import('./program-config');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#abcdef', '#abcdef')).toBe(1);
  });

  it('refuses a card face whose words would be unreadable, naming the colours and the ratio', () => {
    const brand = { logo: null, face: { ...face, text: '#333333' }, tierFaces: {} };
    expect(() => parseProgramConfig({ ...defaultProgramConfig, brand })).toThrow(/brand\.face\.text: contrast 1\.\d\d:1 is below 4\.5:1/);
  });

  it('refuses a face for a tier that does not exist, and a logo that is not a path, https or data: image', () => {
    const brand = { logo: { src: 'javascript:alert(1)', alt: 'x' }, face, tierFaces: { GOLD: face } };
    expect(() => parseProgramConfig({ ...defaultProgramConfig, brand })).toThrow(/brand\.logo\.src[\s\S]*brand\.tierFaces\.GOLD: no tier has the id GOLD/);
  });

  it('gives a config file without a brand the default look', () => {
    const { brand: _brand, ...withoutBrand } = defaultProgramConfig;
    expect(parseProgramConfig(withoutBrand).brand).toEqual(defaultProgramConfig.brand);
  });
});
