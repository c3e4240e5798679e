import type { z } from 'zod/mini';
import { ApiErrorSchema } from '../../contract/errors';

/** A refused or failed BFF call, with the BFF's own message for the person in front of the screen. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field problems of a refused request body (contract message keys). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let reauthenticate: (() => Promise<void>) | undefined;
let reauthentication: Promise<void> | undefined;

/** Installed once at start-up: how to obtain a fresh BFF session when a call answers 401. */
export function setReauthenticate(fn: () => Promise<void>) {
  reauthenticate = fn;
}

function reauthenticateOnce(): Promise<void> {
  // Several queries may hit 401 together; they share one re-login.
  reauthentication ??= reauthenticate!().finally(() => {
    reauthentication = undefined;
  });
  return reauthentication;
}

export async function apiRequest<T extends z.ZodMiniType>(
  path: string,
  responseSchema: T,
  init: { method?: string; body?: unknown; retryOnUnauthorized?: boolean } = {},
): Promise<z.output<T>> {
  const send = () =>
    fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  let response = await send();
  if (response.status === 401 && reauthenticate && init.retryOnUnauthorized !== false) {
    await reauthenticateOnce();
    response = await send();
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(payload);
    const { code, message, fields } = parsed.success ? parsed.data.error : { code: 'http_error', message: `HTTP ${response.status}`, fields: undefined };
    throw new ApiRequestError(response.status, code, message, fields);
  }
  return responseSchema.parse(payload);
}
