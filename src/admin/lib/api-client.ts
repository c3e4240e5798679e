import type { z } from 'zod/mini';
import { ApiErrorSchema } from '../../contract/errors';

/** A refused or failed BFF call, carrying the BFF's message. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** The dashboard's only way to the BFF (/api/staff for the session, /api/admin for figures): same origin, staff cookie, parsed with the contract. */
export async function apiRequest<T extends z.ZodMiniType>(path: string, responseSchema: T, init: { method?: string; body?: unknown } = {}): Promise<z.output<T>> {
  const response = await fetch(`/api${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(payload);
    const { code, message } = parsed.success ? parsed.data.error : { code: 'http_error', message: `HTTP ${response.status}` };
    throw new AdminApiError(response.status, code, message);
  }
  return responseSchema.parse(payload);
}
