import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import type { DatabaseHandle } from '../db/database';
import { lineOutbox } from '../db/schema/line';
import { purchases } from '../db/schema/loyalty';
import { staffAuditLog } from '../db/schema/staff';
import { seedPersonas } from '../dev/seed-personas';
import { defaultProgramConfig } from '../loyalty/program-config';
import { createTestApp } from '../testing/test-app';
import { json, staffPost, staffSignIn } from '../testing/staff-testing';
import { testDatabaseTargets } from '../testing/test-databases';
import { seedDemoStaff } from './seed-staff';

const shopper = personas.find((p) => p.id === 'at-the-register')!;
let counter = 0;
const receipt = () => `RCPT-${Date.now()}-${++counter}`;

describe.each(testDatabaseTargets())('purchase e-receipts on LINE on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let clerk: string;
  let shopperCookie: string;
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { program: defaultProgramConfig });
    await seedDemoStaff(database.db);
    await seedPersonas(database.db, defaultProgramConfig, personas, t.clock.now());
    clerk = await staffSignIn(t.app, 'clerk1');
    shopperCookie = (await t.signIn(shopper.lineUserId)).cookie;
  });
  afterAll(async () => {
    await database.close();
  });
  const receiptsOf = (receiptId: string) => database.db.select().from(lineOutbox).where(like(lineOutbox.causeKey, `purchase-receipt:%:${receiptId}`));
  const preferences = (body?: unknown) =>
    t.app.request('/api/me/message-preferences', body === undefined ? { headers: { cookie: shopperCookie } } : { method: 'PUT', headers: { ...json, cookie: shopperCookie }, body: JSON.stringify(body) });

  it('a purchase queues one LINE message with the points earned and the new balance; a retried purchase queues no second one', async () => {
    const receiptId = receipt();
    const purchase = { memberCode: shopper.seed!.memberNumber, receiptId, amountYen: 5_400 };
    const first = await staffPost(t.app, clerk, '/purchases', purchase);
    expect(first.status).toBe(201);
    const { pointsBalance } = (await first.json()) as { pointsBalance: number };
    expect((await staffPost(t.app, clerk, '/purchases', purchase)).status).toBe(200);

    const queued = await receiptsOf(receiptId);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'push', lineUserId: shopper.lineUserId, status: 'pending' });
    const [message] = (queued[0]!.payload as { messages: Array<{ type: string; text: string }> }).messages;
    expect(message!.text).toContain('¥5,400');
    expect(message!.text).toContain('+54 pt');
    expect(message!.text).toContain(`ポイント残高: ${pointsBalance.toLocaleString('ja-JP')} pt`);
    expect(message!.text).toContain('マイページ');
  });

  it('the member turns the receipts off in マイページ (the API): the next purchase queues nothing; on again, it does', async () => {
    expect(await (await preferences()).json()).toEqual({ purchaseReceipts: true });
    const off = await preferences({ purchaseReceipts: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ purchaseReceipts: false });
    expect(await (await preferences()).json()).toEqual({ purchaseReceipts: false });

    const quiet = receipt();
    expect((await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId: quiet, amountYen: 1_200 })).status).toBe(201);
    expect(await receiptsOf(quiet)).toHaveLength(0);

    expect(await (await preferences({ purchaseReceipts: true })).json()).toEqual({ purchaseReceipts: true });
    const loud = receipt();
    expect((await staffPost(t.app, clerk, '/purchases', { memberCode: shopper.seed!.memberNumber, receiptId: loud, amountYen: 1_200 })).status).toBe(201);
    expect(await receiptsOf(loud)).toHaveLength(1);
  });

  it('refuses a bad preferences body with 400 and changes nothing; without a session, 401', async () => {
    for (const body of [{}, { purchaseReceipts: 'no' }, { purchaseReceipts: null }]) {
      expect((await preferences(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await (await preferences()).json()).toEqual({ purchaseReceipts: true });
    expect((await t.app.request('/api/me/message-preferences')).status).toBe(401);
  });

  it('a purchase, its receipt message and its audit entry commit together: when the audit write fails nothing is kept, and the retry records it once', async () => {
    const receiptId = receipt();
    const purchase = { memberCode: shopper.seed!.memberNumber, receiptId, amountYen: 2_000 };
    const balance = async () => ((await (await t.app.request('/api/me/card', { headers: { cookie: shopperCookie } })).json()) as { pointsBalance: number }).pointsBalance;
    const before = await balance();
    // The audit table refuses this receipt's entry, as a full disk or a dropped connection would at that moment.
    await database.db.execute(
      sql.raw(`create function refuse_audit() returns trigger language plpgsql as $$ begin
        if new.detail->>'receiptId' = '${receiptId}' then raise exception 'audit refused'; end if; return new; end $$`),
    );
    await database.db.execute(sql.raw('create trigger refuse_audit before insert on staff_audit_log for each row execute function refuse_audit()'));
    try {
      expect((await staffPost(t.app, clerk, '/purchases', purchase)).status).toBe(500);
      expect(await database.db.select().from(purchases).where(eq(purchases.receiptId, receiptId))).toHaveLength(0);
      expect(await receiptsOf(receiptId)).toHaveLength(0);
      expect(await balance()).toBe(before);
    } finally {
      await database.db.execute(sql.raw('drop trigger refuse_audit on staff_audit_log'));
      await database.db.execute(sql.raw('drop function refuse_audit()'));
    }
    const retried = await staffPost(t.app, clerk, '/purchases', purchase);
    expect(retried.status).toBe(201);
    expect(await balance()).toBe(before + ((await retried.json()) as { pointsEarned: number }).pointsEarned);
    expect(await receiptsOf(receiptId)).toHaveLength(1);
    const audited = await database.db.select().from(staffAuditLog).where(and(eq(staffAuditLog.action, 'purchase'), sql`${staffAuditLog.detail}->>'receiptId' = ${receiptId}`));
    expect(audited).toHaveLength(1);
  });
});
