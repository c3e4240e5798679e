import { describe, expect, it } from 'vitest';
import { defaultProgramConfig, parseProgramConfig } from './program-config';

describe('programme config', () => {
  it('refuses control characters in its names and titles, which the contract would refuse on the card', () => {
    const tiers = defaultProgramConfig.tiers.map((tier, i) => (i === 1 ? { ...tier, name: 'REI\u0000NE' } : tier));
    expect(() => parseProgramConfig({ ...defaultProgramConfig, brandName: 'Member\nCard', tiers })).toThrow(/brandName: must not contain control characters[\s\S]*tiers\.1\.name/);
    expect(parseProgramConfig(defaultProgramConfig)).toEqual(defaultProgramConfig);
  });
});
