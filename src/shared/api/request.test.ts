import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { ApiError, request } from './request';

const answer = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

function stubFetch(response: Response) {
  const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(response);
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('the request core every browser part uses', () => {
  it('sends JSON with the session cookie and returns the answer parsed with the contract', async () => {
    const fetch = stubFetch(answer(200, { points: 120 }));
    await expect(request('/api/me/points', z.object({ points: z.number() }), { method: 'POST', body: { a: 1 }, headers: { 'idempotency-key': 'k' } })).resolves.toEqual({ points: 120 });
    expect(fetch).toHaveBeenCalledWith('/api/me/points', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k' },
      body: '{"a":1}',
    });
  });

  it('reads a 204 as null', async () => {
    stubFetch(answer(204));
    await expect(request('/api/session', z.null(), { method: 'DELETE' })).resolves.toBeNull();
  });

  it("turns the contract's error body into an ApiError with status, code, message and fields", async () => {
    stubFetch(answer(422, { error: { code: 'invalid_profile', message: 'Check the form', fields: { email: 'profile.email.invalid' } } }));
    const error = await request('/api/me/profile', z.null()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_profile', message: 'Check the form', fields: { email: 'profile.email.invalid' } });
  });

  it('names the status when the answer has no contract body (a proxy in front of a starting BFF)', async () => {
    stubFetch(new Response('Bad Gateway', { status: 502 }));
    await expect(request('/api/me/card', z.null())).rejects.toMatchObject({ status: 502, code: 'http_error', message: 'HTTP 502', fields: {} });
  });

  it('refuses an answer the contract does not describe', async () => {
    stubFetch(answer(200, { points: 'many' }));
    await expect(request('/api/me/points', z.object({ points: z.number() }))).rejects.not.toBeInstanceOf(ApiError);
  });
});
