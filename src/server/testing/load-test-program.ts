import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultProgramConfig, type ProgramConfig } from '../loyalty/program-config';

/**
 * Load and crash tests send hundreds of purchases for one member in a day, which the programme's
 * per-member daily limits rightly refuse. They run the BFF with this config: the defaults with
 * those two limits lifted (the per-purchase limit and approval threshold unchanged).
 */
export function loadTestProgramConfig(): ProgramConfig {
  const controls = defaultProgramConfig.registerControls;
  return {
    ...defaultProgramConfig,
    registerControls: { ...controls, limits: { ...controls.limits, maxPurchasesPerMemberPerDay: 1_000_000, maxPointsPerMemberPerDay: 1_000_000_000 } },
  };
}

/** The same, as a PROGRAM_CONFIG_FILE for a BFF child process. */
export function writeLoadTestProgramConfigFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mc-program-')), 'program.json');
  writeFileSync(file, JSON.stringify(loadTestProgramConfig()));
  return file;
}
