import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { queueRequests } from './request-queue';

describe('request queue', () => {
  it('lets `limit` requests in at a time and the rest in arrival order, none refused', async () => {
    const log: string[] = [];
    let inside = 0;
    let mostInside = 0;
    const releases: Array<() => void> = [];
    const app = new Hono();
    app.use('*', queueRequests(2));
    app.get('/:n', async (c) => {
      inside += 1;
      mostInside = Math.max(mostInside, inside);
      log.push(`start ${c.req.param('n')}`);
      await new Promise<void>((resolve) => releases.push(resolve));
      inside -= 1;
      return c.text(c.req.param('n'));
    });

    const responses = Array.from({ length: 6 }, (_, n) => app.request(`/${n}`));
    // Release whoever is inside, one at a time, until all six have answered.
    for (let released = 0; released < 6; released++) {
      while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      releases.shift()!();
    }
    const answers = await Promise.all(responses);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(mostInside).toBe(2);
    expect(log).toEqual(['start 0', 'start 1', 'start 2', 'start 3', 'start 4', 'start 5']);
  });

  it('frees the slot when a request throws', async () => {
    const app = new Hono();
    app.use('*', queueRequests(1));
    app.get('/fail', () => {
      throw new Error('boom');
    });
    app.get('/ok', (c) => c.text('ok'));
    expect((await app.request('/fail')).status).toBe(500);
    expect((await app.request('/ok')).status).toBe(200);
  });
});
