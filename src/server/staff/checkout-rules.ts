/**
 * The checkout authorisation's rules: the clerk's scan of a rotating code authorises every spend of
 * that checkout, for the staff session that scanned it, at its store, until it expires or is ended.
 */

export type CheckoutState = { staffId: string; staffSessionId: string; storeId: string; expiresAt: Date; endedAt: Date | null };
export type CheckoutHolder = { staffId: string; sessionId: string; storeId: string };

/**
 * Why this session may not spend under this checkout now, or null. Another session's checkout
 * answers exactly as an unknown one: it tells a stranger nothing.
 */
export function checkoutRefusal(checkout: CheckoutState | undefined, holder: CheckoutHolder, now: Date): 'checkout_not_authorised' | 'checkout_ended' | null {
  if (!checkout) return 'checkout_not_authorised';
  if (checkout.staffId !== holder.staffId || checkout.staffSessionId !== holder.sessionId || checkout.storeId !== holder.storeId) return 'checkout_not_authorised';
  if (checkout.endedAt !== null || checkout.expiresAt <= now) return 'checkout_ended';
  return null;
}

/** When a checkout opened now stops authorising spends. */
export function checkoutExpiry(now: Date, checkoutSeconds: number): Date {
  return new Date(now.getTime() + checkoutSeconds * 1000);
}
