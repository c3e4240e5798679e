/** A refused grant here is a programming error (the keys are ours and per CRM member / member). */
export function expectGranted<T extends { ok: boolean }>(outcome: T, what: string): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`${what} was refused: ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
}
