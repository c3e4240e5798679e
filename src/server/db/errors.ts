/**
 * Classifies database errors, whatever wraps them (drizzle puts the driver's error in `cause`).
 * Both engines raise PostgreSQL SQLSTATE codes; the pg driver adds Node socket errors and
 * plain-message errors for a connection that died under it.
 */

type ErrorLike = { code?: unknown; message?: unknown; name?: unknown };

function* causeChain(error: unknown): Generator<ErrorLike> {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth += 1) {
    yield e as ErrorLike;
  }
}

/** SQLSTATE 23505: a unique index refused the row (typically a concurrent duplicate). */
export function isUniqueViolation(error: unknown): boolean {
  for (const e of causeChain(error)) if (e.code === '23505') return true;
  return false;
}

/**
 * 57P01 admin shutdown / pg_terminate_backend, 57P02 crash shutdown, 57P03 cannot connect now
 * (starting up or in recovery), 53300 too many connections, class 08 (connection exception) and
 * the socket-level errors.
 */
const CONNECTION_LOSS_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** What node-postgres and pg-pool say when the socket is gone or no connection could be made in time. */
const CONNECTION_LOSS_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Connection closed/,
];

/**
 * The database connection was lost or could not be made: the request may be tried again shortly
 * (the pool opens a fresh connection), unlike a refused statement.
 */
export function isConnectionLoss(error: unknown): boolean {
  for (const e of causeChain(error)) {
    // An HTTP call (CRM, LINE) that could not connect carries the same socket codes: not the database.
    if (e.name === 'TypeError' && e.message === 'fetch failed') return false;
    if (typeof e.code === 'string' && (CONNECTION_LOSS_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && CONNECTION_LOSS_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  }
  return false;
}

/** The SQLSTATE (or socket code) of a database error, for logs that must not carry parameters. */
export function databaseErrorCode(error: unknown): string | undefined {
  for (const e of causeChain(error)) if (typeof e.code === 'string') return e.code;
  return undefined;
}
