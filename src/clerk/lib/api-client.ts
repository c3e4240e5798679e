import type { z } from 'zod/mini';
import { ApiErrorSchema } from '../../contract/errors';
import { IDEMPOTENCY_KEY_HEADER } from '../../contract/staff';

/** A refused or failed staff API call, carrying the BFF's message for the clerk. */
export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StaffApiError';
  }
}

/** The clerk console's only way to the BFF: same origin, staff cookie, responses parsed with the contract. */
export async function staffRequest<T extends z.ZodMiniType>(
  path: string,
  responseSchema: T,
  init: { method?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<z.output<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = init.idempotencyKey;
  const response = await fetch(`/api/staff${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(payload);
    const { code, message } = parsed.success ? parsed.data.error : { code: 'http_error', message: `HTTP ${response.status}` };
    throw new StaffApiError(response.status, code, message);
  }
  return responseSchema.parse(payload);
}

/** One key per action attempt: a retried click sends the same one, so nothing is spent twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
