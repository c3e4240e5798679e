import type { z } from 'zod/mini';
import { ApiErrorSchema } from '../../contract/errors';

/** A refused or failed BFF call, with the BFF's own code and message for the person in front of the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field problems of a refused request body (contract message keys). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type RequestOptions = { method?: string; body?: unknown; headers?: Record<string, string> };

/** One call to the BFF: same origin (its session cookie goes along), a JSON body if there is one. */
export function sendRequest(url: string, init: RequestOptions = {}): Promise<Response> {
  return fetch(url, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? init.headers : { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The answer parsed with the contract's schema, or the contract's error body thrown as an ApiError. */
export async function readResponse<T extends z.ZodMiniType>(response: Response, responseSchema: T): Promise<z.output<T>> {
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    // A proxy or a crashed BFF may answer without the contract's body: the status still says what happened.
    const parsed = ApiErrorSchema.safeParse(payload);
    const { code, message, fields } = parsed.success ? parsed.data.error : { code: 'http_error', message: `HTTP ${response.status}`, fields: undefined };
    throw new ApiError(response.status, code, message, fields);
  }
  return responseSchema.parse(payload);
}

/** Every browser part's way to the BFF: send, then parse the answer with the contract. */
export async function request<T extends z.ZodMiniType>(url: string, responseSchema: T, init: RequestOptions = {}): Promise<z.output<T>> {
  return readResponse(await sendRequest(url, init), responseSchema);
}
