import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n';

const SHOWN_MS = 6_000;
/** Card data this recent was fetched for this opening (the session call, a refresh), not kept from an earlier one. */
const FRESH_MS = 10_000;

/**
 * "+54 pt" when a purchase lands while the card is open: each balance the card fetched is compared
 * with the one before. The first fresh card of this opening (usually the session call's, at once)
 * sets the baseline; a card kept from an earlier opening does not, so points earned while the card
 * was closed (the cached card catching up) are not announced as new.
 */
export function PointsToast({ balance, updatedAt }: { balance: number; updatedAt: number }) {
  const { t, number } = useI18n();
  const baseline = useRef<number | null>(null);
  const [gain, setGain] = useState<number | null>(null);

  useEffect(() => {
    const before = baseline.current;
    if (before === null && Date.now() - updatedAt > FRESH_MS) return;
    baseline.current = balance;
    if (before !== null && balance > before) setGain(balance - before);
  }, [balance, updatedAt]);

  useEffect(() => {
    if (gain === null) return;
    const timer = setTimeout(() => setGain(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [gain]);

  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 top-3 z-20 flex justify-center px-3">
      {gain !== null && (
        <p className="rounded-full bg-emerald-600 px-5 py-2 text-base font-bold text-white shadow-lg" data-testid="points-toast">
          {t('card.pointsArrived', { points: number(gain) })}
        </p>
      )}
    </div>
  );
}
