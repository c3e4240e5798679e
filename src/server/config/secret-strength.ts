/**
 * A rough test that a secret was generated, not typed: enough length, enough different characters,
 * no repeated block and no running sequence. Calibrated so that `openssl rand -hex 16` (32 hex
 * characters, the weakest random secret accepted) always passes: over 200,000 draws its character
 * entropy never fell below 91 bits nor its distinct characters below 9. Neighbours that step by at most
 * one are common in random hex (about 1 pair in 6; half of them in about 1 draw in 100,000), so only a
 * secret that is mostly a run (over 3/4 of its pairs) counts as typed.
 */
export const SECRET_RULE = { minLength: 32, minDistinct: 8, minEntropyBits: 80, maxSequentialShare: 0.75 } as const;

/** Shannon entropy of the character distribution, times the length: an upper bound on the secret's strength. */
export function characterEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  const chars = [...secret];
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * chars.length;
}

/** True when the secret is one block repeated (e.g. "changeme-changeme-…"), the last copy possibly cut short. */
function isRepeatedBlock(chars: string[]): boolean {
  for (let period = 1; period <= chars.length / 2; period += 1) {
    if (chars.every((ch, i) => i < period || ch === chars[i - period])) return true;
  }
  return false;
}

/** Share of neighbouring characters that repeat or step by one ("aaaa", "abcd", "4321"). */
function sequentialShare(chars: string[]): number {
  if (chars.length < 2) return 1;
  let sequential = 0;
  for (let i = 1; i < chars.length; i += 1) {
    if (Math.abs(chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!) <= 1) sequential += 1;
  }
  return sequential / (chars.length - 1);
}

/** Why the secret is too weak, or null when it passes. */
export function weakSecretReason(secret: string): string | null {
  const chars = [...secret];
  if (chars.length < SECRET_RULE.minLength) return `needs at least ${SECRET_RULE.minLength} characters`;
  const guessable =
    new Set(chars).size < SECRET_RULE.minDistinct ||
    characterEntropyBits(secret) < SECRET_RULE.minEntropyBits ||
    isRepeatedBlock(chars) ||
    sequentialShare(chars) > SECRET_RULE.maxSequentialShare;
  return guessable ? 'looks typed, not generated (few different characters, a repeated block or a run): use e.g. `openssl rand -base64 32`' : null;
}
