import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLineApi, type MockLineApi } from '../../../mocks/line-api-server';
import type { DatabaseHandle } from '../db/database';
import { membershipAudit } from '../db/schema/linking';
import { runJobTick } from '../jobs/jobs';
import { createLineClient } from '../line/line-client';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { addressRetentionCutoff } from './audit-retention';

const DAY_MS = 86_400_000;

describe('addressRetentionCutoff', () => {
  it('is the retention period before now', () => {
    expect(addressRetentionCutoff(new Date('2026-11-23T03:00:00Z'), 90)).toEqual(new Date('2026-08-25T03:00:00Z'));
  });
});

describe.each(testDatabaseTargets())('audit address retention on $name', ({ open }) => {
  let database: DatabaseHandle;
  let lineApi: MockLineApi;
  beforeAll(async () => {
    database = await open();
    lineApi = await startMockLineApi({ channelAccessToken: 'token' });
  });
  afterAll(async () => {
    await lineApi.close();
    await database.close();
  });

  it('the daily job blanks client addresses older than the configured days and keeps the entries', async () => {
    const t = await createTestApp(database);
    const now = t.clock.now();
    const entry = (daysAgo: number, address: string) => ({
      action: 'link_attempt' as const,
      outcome: 'mismatch',
      memberId: null,
      clientAddress: address,
      detail: {},
      createdAt: new Date(now.getTime() - daysAgo * DAY_MS),
    });
    await database.db.insert(membershipAudit).values([entry(91, '198.51.100.91'), entry(90.5, '198.51.100.90'), entry(89, '198.51.100.89'), entry(0, '198.51.100.1')]);

    const line = createLineClient({ apiBaseUrl: lineApi.url, channelAccessToken: 'token' });
    const report = await runJobTick({ db: database.db, loyalty: t.deps.loyalty, program: t.deps.program, clock: t.clock.now, line, richMenus: {} });
    expect(report.daily).toMatchObject({ auditAddressesExpired: 2 });

    const rows = await database.db.select().from(membershipAudit).orderBy(membershipAudit.createdAt);
    expect(rows.map((r) => r.clientAddress)).toEqual([null, null, '198.51.100.89', '198.51.100.1']);

    // The next day the 89-day-old address is past 90 days too.
    t.clock.advance(2 * DAY_MS);
    expect((await runJobTick({ db: database.db, loyalty: t.deps.loyalty, program: t.deps.program, clock: t.clock.now, line, richMenus: {} })).daily).toMatchObject({
      auditAddressesExpired: 1,
    });
    expect(await database.db.$count(membershipAudit, eq(membershipAudit.clientAddress, '198.51.100.89'))).toBe(0);
    expect(await database.db.$count(membershipAudit)).toBe(4);
  });
});
