import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/request';
import { untilBffAnswers } from './until-bff-answers';

const noSleep = { sleep: async () => {} };

describe('waiting for the BFF at start-up', () => {
  it('retries while the proxy answers 502 and the starting BFF 503, then returns the answer', async () => {
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new ApiError(502, 'http_error', 'HTTP 502'))
      .mockRejectedValueOnce(new ApiError(503, 'starting', 'starting'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce('session');
    const reasons: string[] = [];
    await expect(untilBffAnswers(call, (r) => reasons.push(r), noSleep)).resolves.toBe('session');
    expect(reasons).toEqual(['starting', 'starting', 'offline']);
  });

  it('does not retry a refusal: a 401 or 400 is thrown at once', async () => {
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(new ApiError(401, 'invalid_id_token', 'expired'));
    await expect(untilBffAnswers(call, () => {}, noSleep)).rejects.toMatchObject({ status: 401 });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('gives up after the limit with the last failure', async () => {
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(new ApiError(503, 'starting', 'starting'));
    await expect(untilBffAnswers(call, () => {}, { ...noSleep, retryEveryMs: 1000, giveUpAfterMs: 3000 })).rejects.toMatchObject({ status: 503 });
    expect(call).toHaveBeenCalledTimes(4);
  });
});
