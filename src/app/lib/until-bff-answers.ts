import { ApiError } from '../../shared/api/request';

/** Why the app is still waiting: the BFF (or Vite's proxy in front of it) says it is starting, or no connection at all. */
export type WaitingReason = 'starting' | 'offline';

/**
 * 502/503/504 come from a BFF that is starting (it answers 503 until migrated and seeded) or from
 * Vite's proxy while the BFF is not listening yet; a TypeError is fetch's refused or lost connection.
 */
export function waitingReason(error: unknown): WaitingReason | null {
  if (error instanceof ApiError) return [502, 503, 504].includes(error.status) ? 'starting' : null;
  return error instanceof TypeError ? 'offline' : null;
}

/**
 * Calls `call` until the BFF answers, telling `onWaiting` why each retry waits; any other failure,
 * or still nothing after `giveUpAfterMs`, is thrown.
 */
export async function untilBffAnswers<T>(
  call: () => Promise<T>,
  onWaiting: (reason: WaitingReason) => void,
  { retryEveryMs = 1000, giveUpAfterMs = 5 * 60_000, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = {},
): Promise<T> {
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const reason = waitingReason(error);
      if (!reason || waited >= giveUpAfterMs) throw error;
      onWaiting(reason);
      await sleep(retryEveryMs);
      waited += retryEveryMs;
    }
  }
}
