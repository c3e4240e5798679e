import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/v4/core';
import { safeParseAsync } from 'zod/mini';
import type { ApiError } from '../../contract/errors';
import { isConnectionLoss } from '../db/errors';

/** Seconds a client waits before trying again after losing the database: the pool reconnects within that. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The one error type of the HTTP boundary: a status, a stable code and a message a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>): ApiError {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

export const handleError: ErrorHandler = (error, c) => {
  if (error instanceof HttpError) return c.json(errorBody(error.code, error.message, error.fields), error.status);
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals, e.g. malformed JSON in a body.
    return c.json(errorBody('bad_request', error.message || 'Bad request'), error.status);
  }
  if (isConnectionLoss(error)) {
    // The database went away under this request (restart, failover, terminated session): nothing
    // was acknowledged, and a retry shortly after reaches a fresh connection.
    c.get('log').warn({ err: error, method: c.req.method, route: c.req.routePath }, 'database unavailable');
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return c.json(errorBody('database_unavailable', 'The service lost its database connection for a moment. Please try again in a few seconds.'), 503);
  }
  // The route pattern, not the path (it can hold a member number); error codes only, never the error's message or query parameters.
  c.get('log').error({ err: error, method: c.req.method, route: c.req.routePath }, 'unhandled error');
  return c.json(errorBody('internal', 'Something went wrong on our side. Please try again.'), 500);
};

export function notFound(c: Context) {
  return c.json(errorBody('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`), 404);
}

function describeIssues(issues: z.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Validates a JSON body with a contract schema; Hono answers malformed JSON with a 400 before this runs. */
export function jsonBody<T extends z.$ZodType>(schema: T) {
  return validator('json', async (value) => {
    const result = await safeParseAsync(schema, value);
    if (!result.success) {
      throw new HttpError(400, 'invalid_request', 'The request body is invalid.', describeIssues(result.error.issues));
    }
    return result.data as z.output<T>;
  });
}

/** Validates the path's parameters with a contract schema: a malformed one is a 400 naming the parameter. */
export function pathParams<T extends z.$ZodType>(schema: T) {
  return validator('param', async (value) => {
    const result = await safeParseAsync(schema, value);
    if (!result.success) {
      throw new HttpError(400, 'invalid_request', 'The request path is invalid.', describeIssues(result.error.issues));
    }
    return result.data as z.output<T>;
  });
}
