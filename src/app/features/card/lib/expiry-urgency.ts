/**
 * How loudly the card warns about its soonest-expiring points: points lost at the end of this
 * month need the shopper's attention now; points good for another half year only need a quiet line.
 */
/** this-month: lost at the end of this JST month (or already past); soon: next month; later: after that. */
export type ExpiryUrgency = 'this-month' | 'soon' | 'later';

const jstMonth = (instant: Date) => {
  const jst = new Date(instant.getTime() + 9 * 3_600_000);
  return jst.getUTCFullYear() * 12 + jst.getUTCMonth();
};

export function expiryUrgency(expiresAt: Date, now: Date): ExpiryUrgency {
  if (expiresAt.getTime() <= now.getTime() || jstMonth(expiresAt) === jstMonth(now)) return 'this-month';
  return jstMonth(expiresAt) === jstMonth(now) + 1 ? 'soon' : 'later';
}
