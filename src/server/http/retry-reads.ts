import type { MiddlewareHandler } from 'hono';
import { isConnectionLoss } from '../db/errors';

type Dispatch = (request: Request, env: unknown) => Response | Promise<Response>;

/** Long enough for the pool to hear that its other connections died with the one that failed. */
const RETRY_PAUSE_MS = 100;

/**
 * A GET that lost its database connection is served once more, from a fresh connection, before
 * the client sees a 503. Here rather than in the db layer: a request is the unit known to be a
 * read (a GET changes nothing), while a statement alone cannot be — a lost INSERT or COMMIT may
 * have landed — and a transaction cannot be resumed statement by statement.
 */
export function retryReadsOnce(dispatch: Dispatch): MiddlewareHandler {
  const retried = new WeakSet<Request>();
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || !isConnectionLoss(c.error) || retried.has(c.req.raw)) return;
    retried.add(c.req.raw);
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    const response = await dispatch(c.req.raw, c.env);
    // Cleared first: assigning over the 503 would carry its Retry-After onto the answer.
    c.res = undefined;
    c.res = response;
  };
}
