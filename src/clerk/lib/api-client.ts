import type { z } from 'zod/mini';
import { IDEMPOTENCY_KEY_HEADER } from '../../contract/staff';
import { request, type RequestOptions } from '../../shared/api/request';

/** The clerk console's way to the BFF's staff API (staff cookie), with the idempotency key of a grant or redemption. */
export function staffRequest<T extends z.ZodMiniType>(
  path: string,
  responseSchema: T,
  init: Omit<RequestOptions, 'headers'> & { idempotencyKey?: string } = {},
): Promise<z.output<T>> {
  const headers = init.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: init.idempotencyKey } : undefined;
  return request(`/api/staff${path}`, responseSchema, { method: init.method, body: init.body, headers });
}

/** One key per action attempt: a retried click sends the same one, so nothing is spent twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
