import type { MiddlewareHandler } from 'hono';

/**
 * At most `limit` requests past this point at a time; the others wait in arrival order. In front
 * of PGlite, whose one connection runs every statement of every request in turn: there, letting
 * all concurrent requests in interleaves their statements, so each request waits behind every
 * other one's at each of its steps and the last of a burst can wait past a client's timeout. In
 * arrival order, a request waits only for those that came before it.
 */
export function queueRequests(limit: number): MiddlewareHandler {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (_c, next) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      await next();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const following = waiting.shift();
      if (following) following();
      else running -= 1;
    }
  };
}
