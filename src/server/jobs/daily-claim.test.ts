import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { jobRuns } from '../db/schema/line';
import { testDatabaseTargets } from '../testing/test-databases';
import { claimDailyRun, DAILY_CLAIM_LEASE_MS } from './jobs';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;

describe.each(testDatabaseTargets())('the daily run’s claim on $name', ({ open }) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it('is won once per day, however many runners ask', async () => {
    const now = at('2026-12-01T00:00:00Z');
    const wins = await Promise.all(Array.from({ length: 6 }, () => claimDailyRun(database.db, '2026-12-01', now)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('a finished run is never taken over, however old', async () => {
    await database.db.insert(jobRuns).values({ job: 'daily', jstDay: '2026-12-02', startedAt: at('2026-12-02T00:00:00Z'), finishedAt: at('2026-12-02T00:05:00Z') });
    expect(await claimDailyRun(database.db, '2026-12-02', new Date(at('2026-12-02T00:00:00Z').getTime() + 2 * DAILY_CLAIM_LEASE_MS))).toBe(false);
  });

  it('a run whose runner died (or lost the database before it could release the claim) is taken over once stale, by one runner', async () => {
    const started = at('2026-12-03T00:00:00Z');
    await database.db.insert(jobRuns).values({ job: 'daily', jstDay: '2026-12-03', startedAt: started });
    // Still within the lease: the first runner may be working.
    expect(await claimDailyRun(database.db, '2026-12-03', new Date(started.getTime() + minutes(5)))).toBe(false);
    const later = new Date(started.getTime() + DAILY_CLAIM_LEASE_MS + minutes(1));
    const wins = await Promise.all(Array.from({ length: 4 }, () => claimDailyRun(database.db, '2026-12-03', later)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
