import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { personas } from '../../../mocks/personas';
import { clerkCookie, startBff } from '../testing/bff-process';
import { writeLoadTestProgramConfigFile } from '../testing/load-test-program';

/**
 * A burst on the embedded database: 50 registers open their connections at once and each sends
 * purchases one after another. PGlite works on node's one thread; when node never reached its
 * poll phase between statements, the connections opened last waited in the kernel's accept queue
 * while the first ones were served again and again, and their first purchase was answered only
 * when the others stopped (10–23 s later: a client's timeout). Requests must queue in arrival
 * order instead: every register's first purchase is answered before any register's third.
 * An order, not a time: it holds on a machine of any speed.
 */

const REGISTERS = 50;
const ROUNDS = 6;

function post(agent: Agent, url: URL, cookie: string, body: object, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie, 'idempotency-key': key } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('PGlite under a burst of registers', () => {
  it('answers every register’s first purchase before any register’s third (arrival order, nobody left waiting)', async () => {
    const bff = await startBff({ PGLITE_DIR: 'memory://', SEED_PERSONAS: 'true', PROGRAM_CONFIG_FILE: writeLoadTestProgramConfigFile() });
    const agents = Array.from({ length: REGISTERS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      const cookie = await clerkCookie(bff);
      const numbers = personas.flatMap((p) => (p.seed ? [p.seed.memberNumber] : []));
      const url = new URL('/api/staff/purchases', bff.baseUrl);
      const answered: Array<{ register: number; round: number; status: number }> = [];
      const stamp = Date.now().toString(36);

      await Promise.all(
        agents.map(async (agent, register) => {
          for (let round = 1; round <= ROUNDS; round++) {
            const id = `burst-${stamp}-${register}-${round}`;
            const status = await post(agent, url, cookie, { memberCode: numbers[register % numbers.length], amountYen: 1_000 + register * 10, receiptId: id }, id);
            answered.push({ register, round, status });
          }
        }),
      );

      expect(answered.filter((a) => a.status !== 201)).toEqual([]);
      const lastFirst = Math.max(...answered.flatMap((a, i) => (a.round === 1 ? [i] : [])));
      const firstThird = Math.min(...answered.flatMap((a, i) => (a.round === 3 ? [i] : [])));
      expect(lastFirst, 'the last first purchase was answered after a third one').toBeLessThan(firstThird);
    } finally {
      for (const agent of agents) agent.destroy();
      await bff.stop();
    }
  }, 120_000);
});
