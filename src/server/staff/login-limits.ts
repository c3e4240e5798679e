/**
 * How hard staff logins are limited. Per account: `maxFailures` attempts that are not (yet) known
 * to be good lock it for `lockMinutes`. Per client address: `maxAttemptsPerAddress` failed attempts
 * in a fixed window of `addressWindowMinutes`, whatever the username — a store behind one NAT address
 * logs in many times a day, but only failures use up its allowance.
 */
export const LOGIN_LIMITS = { maxFailures: 5, lockMinutes: 15, maxAttemptsPerAddress: 20, addressWindowMinutes: 15 } as const;

export type LoginLimits = typeof LOGIN_LIMITS;

/** The fixed window `now` falls in, aligned to the epoch so every process agrees on it. */
export function addressWindow(now: Date, windowMinutes: number): { start: Date; end: Date } {
  const length = windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / length) * length;
  return { start: new Date(start), end: new Date(start + length) };
}

/** Whole seconds until `until`, at least 1: the Retry-After of a refusal. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
