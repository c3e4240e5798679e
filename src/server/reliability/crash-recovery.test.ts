import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import { openDatabase, type DatabaseTarget } from '../db/database';
import { pointEntries, pointLots } from '../db/schema/ledger';
import { purchases } from '../db/schema/loyalty';
import { members } from '../db/schema/members';
import { clerkCookie, startBff, type BffProcess } from '../testing/bff-process';
import { writeLoadTestProgramConfigFile } from '../testing/load-test-program';
import { createFreshPostgresDatabase } from '../testing/test-databases';

/**
 * Crash: purchases stream in from several registers, the BFF is killed with SIGKILL midway and
 * restarted on the same database; the registers then retry what was not acknowledged, as a
 * register does. Every acknowledged grant must be in the ledger, no receipt may have been granted
 * twice, and the balance must equal the sum of live lots.
 */

type Location = { name: string; env: Record<string, string>; target: DatabaseTarget; dispose: () => Promise<void> };

async function locations(): Promise<Location[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-crash-'));
  const program = { PROGRAM_CONFIG_FILE: writeLoadTestProgramConfigFile() };
  const list: Location[] = [
    { name: 'pglite', env: { PGLITE_DIR: dir, ...program }, target: { kind: 'pglite', dataDir: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) },
  ];
  if (process.env.DATABASE_URL) {
    const fresh = await createFreshPostgresDatabase(process.env.DATABASE_URL);
    list.push({ name: 'postgres', env: { DATABASE_URL: fresh.url, ...program }, target: { kind: 'postgres', url: fresh.url }, dispose: fresh.drop });
  }
  return list;
}

const PERSONA = personas.find((p) => p.id === 'with-points')!;
const REGISTERS = 6;

type Ack = { receiptId: string; amountYen: number; pointsEarned: number };


/** The clerk console's purchase call, as a register sends it. */
async function sendPurchase(bff: BffProcess, cookie: string, receiptId: string, amountYen: number): Promise<Ack | null> {
  try {
    const response = await fetch(`${bff.baseUrl}/api/staff/purchases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'idempotency-key': `${receiptId}-${Math.random().toString(36).slice(2)}` },
      body: JSON.stringify({ memberCode: PERSONA.seed!.memberNumber, amountYen, receiptId }),
    });
    if (response.status !== 201 && response.status !== 200) return null;
    const body = (await response.json()) as { pointsEarned: number };
    return { receiptId, amountYen, pointsEarned: body.pointsEarned };
  } catch {
    return null; // connection reset by the crash: not acknowledged
  }
}

describe('crash recovery', async () => {
  for (const location of await locations()) {
    it(`keeps every acknowledged grant and grants no receipt twice across a SIGKILL (${location.name})`, { timeout: 180_000 }, async () => {
      try {
        let bff = await startBff(location.env);
        let cookie = await clerkCookie(bff);
        const acked = new Map<string, Ack>();
        const sent = new Map<string, number>();
        let next = 0;
        let crashed = false;

        // Registers send until the crash; a register whose BFF is gone stops.
        const registers = Array.from({ length: REGISTERS }, async () => {
          while (!crashed) {
            const receiptId = `crash-${location.name}-${next++}`;
            const amountYen = 1_000 + (next % 50) * 100;
            sent.set(receiptId, amountYen);
            const ack = await sendPurchase(bff, cookie, receiptId, amountYen);
            if (ack) acked.set(receiptId, ack);
          }
        });
        while (acked.size < 40) await new Promise((r) => setTimeout(r, 5));
        // Killed while the registers' next requests are in flight.
        crashed = true;
        await bff.stop('SIGKILL');
        await Promise.all(registers);
        const ackedBeforeCrash = new Map(acked);
        console.info(`crash (${location.name}): ${sent.size} purchases sent, ${ackedBeforeCrash.size} acknowledged before SIGKILL`);
        expect(sent.size, 'some purchases were in flight at the kill').toBeGreaterThan(ackedBeforeCrash.size);

        bff = await startBff(location.env);
        cookie = await clerkCookie(bff);
        // The registers retry every purchase they have no acknowledgement for; acknowledged ones are replayed too, as a double-tap would.
        for (const [receiptId, amountYen] of sent) {
          const ack = await sendPurchase(bff, cookie, receiptId, amountYen);
          expect(ack, `retry of ${receiptId}`).not.toBeNull();
          const before = ackedBeforeCrash.get(receiptId);
          if (before) expect(ack!.pointsEarned, `replay of ${receiptId}`).toBe(before.pointsEarned);
          acked.set(receiptId, ack!);
        }
        await bff.stop('SIGTERM');

        const database = await openDatabase(location.target);
        try {
          const [member] = await database.db.select().from(members).where(eq(members.lineUserId, PERSONA.lineUserId));
          const rows = await database.db.select().from(purchases).where(eq(purchases.memberId, member!.id));
          const byReceipt = new Map(rows.filter((r) => r.receiptId.startsWith('crash-')).map((r) => [r.receiptId, r]));
          // Every purchase sent is recorded exactly once (the unique index would refuse a second row anyway).
          expect([...byReceipt.keys()].sort()).toEqual([...sent.keys()].sort());
          for (const [receiptId, ack] of ackedBeforeCrash) {
            const row = byReceipt.get(receiptId)!;
            expect(row.pointsEarned, receiptId).toBe(ack.pointsEarned);
          }
          const entries = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, member!.id));
          const earnKeys = entries.filter((e) => e.kind === 'earn').map((e) => e.key);
          expect(new Set(earnKeys).size).toBe(earnKeys.length);
          for (const row of byReceipt.values()) {
            if (row.pointsEarned > 0) expect(earnKeys.filter((k) => k === `purchase:${row.id}`), `earn of ${row.receiptId}`).toHaveLength(1);
          }
          expect(entries.every((e) => e.balanceAfter >= 0)).toBe(true);
          const [lots] = await database.db
            .select({ remaining: sql<string>`coalesce(sum(${pointLots.remaining}) filter (where ${pointLots.reversedAt} is null and ${pointLots.expiresAt} >= now()), 0)` })
            .from(pointLots)
            .where(eq(pointLots.memberId, member!.id));
          const ledgerSum = entries.reduce((sum, e) => sum + e.points, 0);
          expect(Number(lots!.remaining)).toBe(ledgerSum);
          const seeded = 1_280;
          const earned = [...byReceipt.values()].reduce((sum, r) => sum + r.pointsEarned, 0);
          expect(ledgerSum).toBe(seeded + earned);
        } finally {
          await database.close();
        }
      } finally {
        await location.dispose();
      }
    });
  }
});
