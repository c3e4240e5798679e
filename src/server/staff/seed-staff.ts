import type { DemoStaffList } from '../../contract/staff';
import type { Database } from '../db/database';
import { hashPassword } from './password';
import { createStaffAccount, findStaffByUsername } from './staff.repository';

/** Development only: demo staff at two stores and head office, all with one well-known password. */
export const DEMO_STAFF: DemoStaffList = {
  password: 'demo-1234',
  accounts: [
    { username: 'clerk1', storeId: 'shibuya', role: 'clerk' },
    { username: 'manager1', storeId: 'shibuya', role: 'manager' },
    { username: 'clerk2', storeId: 'umeda', role: 'clerk' },
    { username: 'admin', storeId: 'hq', role: 'admin' },
    { username: 'marketing1', storeId: 'hq', role: 'marketing' },
  ],
};

/** Creates the demo staff once; running it again changes nothing. */
export async function seedDemoStaff(db: Database, demo: DemoStaffList = DEMO_STAFF): Promise<void> {
  const missing = [];
  for (const account of demo.accounts) if (!(await findStaffByUsername(db, account.username))) missing.push(account);
  // scrypt runs on libuv's thread pool: hashing side by side keeps it off the dev start-up's critical path.
  const hashes = await Promise.all(missing.map(() => hashPassword(demo.password)));
  for (const [i, account] of missing.entries()) {
    await createStaffAccount(db, { ...account, displayName: account.username, passwordHash: hashes[i]! });
  }
}
