import { Hono } from 'hono';
import { errorBody } from './http-error';

/** How long a client should wait before asking a starting BFF again. */
export const STARTING_RETRY_AFTER_SECONDS = 1;

/**
 * What the BFF answers while it opens its database, migrates and (in development) seeds: it listens
 * at once so a page opened early gets a clear "starting" 503 it can retry instead of a refused
 * connection. /api/health is 503 too, so load balancers, `npm run dev` and the e2e web server keep
 * waiting for the whole stack.
 */
export function createStartingApp() {
  const app = new Hono();
  app.all('*', (c) => {
    c.header('Retry-After', String(STARTING_RETRY_AFTER_SECONDS));
    c.header('Cache-Control', 'no-store');
    return c.json(errorBody('starting', 'The service is starting; try again in a moment.'), 503);
  });
  return app;
}
