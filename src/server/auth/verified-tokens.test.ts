import { describe, expect, it } from 'vitest';
import { verifiedTokens } from './verified-tokens';

describe('verified tokens', () => {
  it('recalls a remembered token until its expiry, then answers null once and forgets it', () => {
    const tokens = verifiedTokens<{ id: string }>();
    expect(tokens.recall('t', 100)).toBeUndefined();
    tokens.remember('t', { id: 'a' }, 200);
    expect(tokens.recall('t', 199)).toEqual({ id: 'a' });
    // Expired once exp is not after now, as jose decides.
    expect(tokens.recall('t', 200)).toBeNull();
    expect(tokens.recall('t', 150)).toBeUndefined();
  });

  it('keeps at most `kept` tokens, the oldest going first', () => {
    const tokens = verifiedTokens<number>(2);
    tokens.remember('a', 1, 1_000);
    tokens.remember('b', 2, 1_000);
    tokens.remember('c', 3, 1_000);
    expect(tokens.recall('a', 0)).toBeUndefined();
    expect([tokens.recall('b', 0), tokens.recall('c', 0)]).toEqual([2, 3]);
  });

  it('hands out a frozen session: no request can change what the next one is told', () => {
    const tokens = verifiedTokens<{ generation: number }>();
    tokens.remember('t', { generation: 1 }, 1_000);
    const session = tokens.recall('t', 0)!;
    expect(() => ((session as { generation: number }).generation = 2)).toThrow(TypeError);
    expect(tokens.recall('t', 0)).toEqual({ generation: 1 });
  });
});
