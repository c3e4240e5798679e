/** Profile rules as plain functions (no I/O). */

/** Idempotency key of the one-time profile completion bonus. */
export function profileCompletionKey(memberId: string): string {
  return `profile-completion:${memberId}`;
}

/**
 * Whether the shopper may change the birthday themselves. Unset: always. Once set, the programme
 * allows one change (`once`) or none (`staff`: staff correct it), so the birthday coupon cannot be
 * farmed by moving the birthday month around.
 */
export function birthdayChangeAllowed(state: { currentBirthday: string | null; changesSoFar: number }, policy: 'once' | 'staff'): boolean {
  if (state.currentBirthday === null) return true;
  return policy === 'once' && state.changesSoFar < 1;
}
