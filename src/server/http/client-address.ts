import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Longer "addresses" are not addresses; capping keeps a hostile header from bloating rate-limit keys. */
const MAX_ADDRESS_LENGTH = 64;

/**
 * The client's address as seen by the outermost of `proxyHops` trusted proxies. Each proxy appends
 * the address it received the request from, so the right-most entries are the trusted ones and
 * everything to their left was written by the client: the address is the `proxyHops`-th entry from
 * the right. With fewer entries than hops (a request that skipped a proxy) the left-most one is the
 * best there is. Zero hops, or no usable header, means: use the socket's address.
 */
export function forwardedClientAddress(forwardedFor: string | undefined, proxyHops: number): string | undefined {
  if (proxyHops <= 0 || !forwardedFor) return undefined;
  const hops = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (hops.length === 0) return undefined;
  return hops[Math.max(0, hops.length - proxyHops)]!.slice(0, MAX_ADDRESS_LENGTH);
}

/** The one place rate limits read the client address from. */
export function clientAddress(c: Context, proxyHops: number): string {
  const forwarded = forwardedClientAddress(c.req.header('x-forwarded-for'), proxyHops);
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
