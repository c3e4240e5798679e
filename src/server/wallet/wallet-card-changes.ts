import type { CardChangedHook } from '../loyalty/loyalty-deps';

/**
 * One card change told to every Wallet the brand offers, in the change's transaction: each queues
 * its own update, and only for members who hold its pass. Undefined when no Wallet is offered.
 */
export function walletCardChangedHook(hooks: Array<CardChangedHook | null | undefined | false>): CardChangedHook | undefined {
  const offered = hooks.filter((hook): hook is CardChangedHook => Boolean(hook));
  if (offered.length === 0) return undefined;
  // One after the other: a transaction's statements cannot run side by side on its connection.
  return async (tx, change) => {
    for (const hook of offered) await hook(tx, change);
  };
}
