// npm run dashboard:rebuild — truncates the dashboard rollups and computes them again from the base
// tables in one transaction, then the members' purchase facts (member_facts, for segments) in another,
// then the members' segment flags (friend, link, profile, consent; members/segment-flags.ts),
// on the database the BFF uses (DATABASE_URL, else PGlite at PGLITE_DIR).
// Events arriving meanwhile wait for it (their triggers read the locked state row / table) and then count.
import { readFile } from 'node:fs/promises';
import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { rebuildMemberFacts } from '../loyalty/member-facts';
import { rebuildSegmentFlags } from '../members/segment-flags';
import { defaultProgramConfig, parseProgramConfig } from '../loyalty/program-config';
import { rebuildRollups, rollupSettings } from './rollups';

const env = readServerEnv();
const program = env.programConfigFile ? parseProgramConfig(JSON.parse(await readFile(env.programConfigFile, 'utf8'))) : defaultProgramConfig;
const database = await openDatabase(env.database);
try {
  const began = performance.now();
  await rebuildRollups(database.db, program, new Date());
  const { topTierMinSpendYen, tierWindowMonths } = rollupSettings(program);
  console.log(
    `Dashboard rollups rebuilt on ${database.engine} in ${((performance.now() - began) / 1000).toFixed(1)} s ` +
      `(top tier from ¥${topTierMinSpendYen.toLocaleString('en')} over ${tierWindowMonths} months).`,
  );
  const factsBegan = performance.now();
  const members = await rebuildMemberFacts(database.db, program, new Date());
  console.log(`Member facts (segments) rebuilt for ${members.toLocaleString('en')} members in ${((performance.now() - factsBegan) / 1000).toFixed(1)} s.`);
  const flagsBegan = performance.now();
  const changed = await rebuildSegmentFlags(database.db);
  console.log(`Segment flags rebuilt in ${((performance.now() - flagsBegan) / 1000).toFixed(1)} s: ${changed.toLocaleString('en')} members' flags were wrong and are now right.`);
} finally {
  await database.close();
}
