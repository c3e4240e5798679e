import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env';

/**
 * The BFF's one logger: JSON lines (pino), a request id on every line a request writes, and no
 * personal data. Errors are logged through `errorFields`, which keeps only what names a failure
 * (class, SQLSTATE code, constraint, table, column, stack frames) — never an error's message,
 * query text or parameters: a database error's message and `query`/`params` carry the values the
 * shopper submitted (name, phone, email, LINE user id). Redaction is the second line of defence
 * for fields someone might log by hand.
 */

export type { Logger };

const REDACTED_KEYS = ['params', 'query', 'password', 'lineUserId', 'userId', 'idToken', 'cookie', 'authorization', 'fullName', 'kana', 'familyName', 'givenName', 'familyKana', 'givenKana', 'phone', 'email', 'postalCode', 'prefecture', 'city', 'street', 'building', 'birthday'];

export function createLogger(options: { level: LogLevel; destination?: DestinationStream; base?: Record<string, unknown> }): Logger {
  return pino(
    {
      level: options.level,
      base: options.base ?? {},
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
      serializers: { err: errorFields },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

type ErrorLike = { name?: unknown; code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; stack?: unknown; cause?: unknown };

/** What may be logged of an error, along its `cause` chain (drizzle wraps the driver's error). */
export function errorFields(error: unknown): Record<string, unknown> {
  const chain: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 5) {
    const e = current as ErrorLike;
    const fields: Record<string, unknown> = { type: typeof e.name === 'string' ? e.name : (current.constructor?.name ?? 'object') };
    for (const key of ['code', 'constraint', 'table', 'column'] as const) {
      if (typeof e[key] === 'string' || typeof e[key] === 'number') fields[key] = e[key];
    }
    // Frames only: the first line of a stack repeats the message.
    if (typeof e.stack === 'string') fields.frames = e.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8).map((line) => line.trim());
    chain.push(fields);
    current = e.cause;
  }
  if (chain.length === 0) return { type: typeof error };
  const [outer, ...causes] = chain;
  return causes.length > 0 ? { ...outer, causes } : (outer ?? {});
}

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's logger: every line carries its request id. */
    log: Logger;
  }
}

/**
 * Gives each request an id (the caller's X-Request-Id when it is a plain token, else a new UUID),
 * echoes it in the X-Request-Id response header and binds it to the request's logger.
 */
export function requestLogging(logger: Logger): MiddlewareHandler[] {
  return [
    requestId({ limitLength: 64 }),
    async (c, next) => {
      c.set('log', logger.child({ requestId: c.get('requestId') }));
      await next();
    },
  ];
}

