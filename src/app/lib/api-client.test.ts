import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { apiRequest, setReauthenticate } from './api-client';

const ok = () => new Response(JSON.stringify({ points: 1 }), { status: 200 });
const expired = () => new Response(JSON.stringify({ error: { code: 'session_required', message: 'expired' } }), { status: 401 });
const Points = z.object({ points: z.number() });

afterEach(() => vi.unstubAllGlobals());

describe("the shopper's API client", () => {
  it('on 401 logs in again once, however many calls hit it together, and retries each call', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValueOnce(expired()).mockResolvedValueOnce(expired()).mockImplementation(async () => ok());
    vi.stubGlobal('fetch', fetch);
    const relogin = vi.fn(async () => {});
    setReauthenticate(relogin);
    await expect(Promise.all([apiRequest('/api/me/points', Points), apiRequest('/api/me/points', Points)])).resolves.toEqual([{ points: 1 }, { points: 1 }]);
    expect(relogin).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('does not log in again for a call that must not (the session exchange itself, account deletion)', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof globalThis.fetch>().mockImplementation(async () => expired()));
    const relogin = vi.fn(async () => {});
    setReauthenticate(relogin);
    await expect(apiRequest('/api/session', Points, { method: 'POST', body: {}, retryOnUnauthorized: false })).rejects.toMatchObject({ status: 401, code: 'session_required' });
    expect(relogin).not.toHaveBeenCalled();
  });
});
