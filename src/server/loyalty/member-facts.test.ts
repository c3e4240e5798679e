import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { members } from '../db/schema/members';
import { createTestApp, createTestClock, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { createLoyaltyService } from './loyalty.service';
import { defaultProgramConfig } from './program-config';

/**
 * The daily job moves member_facts on to the day's tier window and tells the card hook of members
 * whose tier dropped only because spend left the window (no purchase that day), so a Wallet pass
 * shows the lower tier the morning it happens, not at the member's next purchase.
 */
const YEAR_AGO = '2025-11-20T03:00:00Z'; // 20 Nov 2025 12:00 JST
const JOB_RUNS = '2026-11-20T18:00:00Z'; // 21 Nov 2026 03:00 JST: the window starts 21 Nov 2025, the purchase above has left it

describe.each(testDatabaseTargets())('daily job and member facts on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const clock = createTestClock(YEAR_AGO);
  const told: string[] = [];
  let receipt = 0;

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { clock });
  });
  afterAll(() => database.close());

  const loyalty = () => createLoyaltyService({ db: database.db, program: defaultProgramConfig, clock: clock.now, onCardChanged: async (_tx, change) => void told.push(change.memberId) });

  async function newMember() {
    clock.set(YEAR_AGO);
    const lineUserId = newLineUserId();
    await t.signIn(lineUserId);
    const [member] = await database.db.select().from(members).where(eq(members.lineUserId, lineUserId));
    return member!.id;
  }
  async function buy(memberId: string, amountYen: number, at: string): Promise<string> {
    clock.set(at);
    const receiptId = `R${++receipt}`;
    expect(await loyalty().recordPurchase({ memberId, storeId: 'shibuya', receiptId, amountYen })).toMatchObject({ ok: true });
    return receiptId;
  }
  async function tierOf(memberId: string) {
    return (await loyalty().memberSummary(memberId)).tier;
  }

  it('tells the hook of a member who dropped a tier overnight, not of one who bought today, stayed, or never had the tier', async () => {
    const dropped = await newMember();
    const boughtToday = await newMember();
    const stayed = await newMember();
    const regular = await newMember();
    const voidedAway = await newMember();
    for (const memberId of [dropped, boughtToday]) await buy(memberId, 60_000, YEAR_AGO);
    const voidedReceipt = await buy(voidedAway, 60_000, YEAR_AGO);
    await buy(stayed, 5_000, YEAR_AGO);
    await buy(stayed, 55_000, '2026-06-01T03:00:00Z');
    await buy(regular, 3_000, YEAR_AGO);
    // Voided at the register long ago: never REINE to drop from.
    clock.set('2025-11-20T04:00:00Z');
    expect(await loyalty().voidPurchase({ storeId: 'shibuya', receiptId: voidedReceipt })).toMatchObject({ ok: true });
    // After midnight, before the job: the purchase told the hook itself (with the card as it is today).
    await buy(boughtToday, 1_000, '2026-11-20T16:30:00Z');

    clock.set(JOB_RUNS);
    told.length = 0;
    const report = await loyalty().runDailyJob();
    expect(told).toEqual([dropped]);
    expect(report).toMatchObject({ tierDrops: 1 });
    expect(report.factsRefreshed).toBeGreaterThanOrEqual(4);
    expect((await tierOf(dropped)).current.id).toBe('REGULAR');
    expect((await tierOf(stayed)).current.id).toBe('REINE');

    // The same day again: nothing left to move on, nobody told twice.
    told.length = 0;
    expect(await loyalty().runDailyJob()).toMatchObject({ factsRefreshed: 0, tierDrops: 0 });
    expect(told).toEqual([]);
    const [stale] = ((await database.db.execute(sql`SELECT count(*)::int AS n FROM member_facts WHERE oldest_counted_at < '2025-11-20T15:00:00Z'`)) as unknown as {
      rows: { n: number }[];
    }).rows;
    expect(stale!.n).toBe(0);
    expect((await tierOf(voidedAway)).spendYen).toBe(0);
  });
});
