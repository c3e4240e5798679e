/** Tokens whose signature was checked, kept so a busy session skips the HMAC; the oldest go first. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * A signed token's text fixes its signature check and its claims, so a token verified once needs
 * only its expiry checked again (the HMAC was most of a card read's CPU in the BFF). Only what the
 * signature vouches for is kept: revocation (a session generation) is still checked against the
 * database on every request by the caller.
 */
export function verifiedTokens<Session>(kept = VERIFIED_TOKENS_KEPT) {
  const verified = new Map<string, { session: Session; expiresAt: number }>();
  return {
    /** The session a token was verified to hold; null once it has expired (then forgotten); undefined if never verified here. */
    recall(token: string, nowSeconds: number): Session | null | undefined {
      const known = verified.get(token);
      if (!known) return undefined;
      // The check jose makes: expired once `exp` is not after now (whole seconds, no tolerance).
      if (known.expiresAt > nowSeconds) return known.session;
      verified.delete(token);
      return null;
    },
    /** Keeps a token whose signature and claims were just checked, until its `exp` (seconds). */
    remember(token: string, session: Session, expiresAt: number) {
      if (verified.size >= kept) verified.delete(verified.keys().next().value!);
      // Frozen: every later request with this token gets this very object.
      verified.set(token, { session: Object.freeze(session), expiresAt });
    },
  };
}
