/**
 * Lockout rule as a plain function: when `max` failures fall within `windowMinutes`, further
 * attempts are refused until `lockoutMinutes` after the latest of them.
 */
export function lockedUntil(
  recentFailuresNewestFirst: Date[],
  rule: { max: number; windowMinutes: number; lockoutMinutes: number },
  now: Date,
): Date | null {
  if (recentFailuresNewestFirst.length < rule.max) return null;
  const newest = recentFailuresNewestFirst[0]!;
  const oldestCounted = recentFailuresNewestFirst[rule.max - 1]!;
  if (newest.getTime() - oldestCounted.getTime() > rule.windowMinutes * 60_000) return null;
  const until = new Date(newest.getTime() + rule.lockoutMinutes * 60_000);
  return until > now ? until : null;
}
