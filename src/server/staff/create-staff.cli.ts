// Creates a staff account: STAFF_PASSWORD=… npm run staff:create -- --username tanaka --store shibuya --role clerk [--name 田中]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readServerEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { hashPassword } from './password';
import { createStaffAccount, findStaffByUsername } from './staff.repository';

const ArgsSchema = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'username: lower-case letters, digits, . _ - (2–64)'),
  store: z.string().regex(/^[a-z0-9-]{1,32}$/, 'store: lower-case letters, digits, - (up to 32)'),
  role: z.enum(['clerk', 'manager', 'admin', 'marketing']),
  name: z.string().min(1).optional(),
  password: z.string().min(10, 'STAFF_PASSWORD: at least 10 characters'),
});

const { values } = parseArgs({ options: { username: { type: 'string' }, store: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
const parsed = ArgsSchema.safeParse({ ...values, password: process.env.STAFF_PASSWORD });
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const args = parsed.data;
const database = await openDatabase(readServerEnv().database);
try {
  if (await findStaffByUsername(database.db, args.username)) {
    console.error(`Staff "${args.username}" already exists.`);
    process.exitCode = 1;
  } else {
    await createStaffAccount(database.db, {
      username: args.username,
      displayName: args.name ?? args.username,
      storeId: args.store,
      role: args.role,
      passwordHash: await hashPassword(args.password),
    });
    console.log(`Created ${args.role} "${args.username}" at ${args.store}.`);
  }
} finally {
  await database.close();
}
