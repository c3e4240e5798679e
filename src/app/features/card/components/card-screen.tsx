import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorPanel, OfflineBanner } from '../../../components/status';
import { useScreenWakeLock } from '../../../lib/use-screen-wake-lock';
import { CARD_REFRESH_MS, cardQueries } from '../api/card-queries';
import { CardSkeleton } from './card-skeleton';
import { PointsToast } from './points-toast';
import { MemberCardView } from './member-card-view';

export function CardScreen() {
  const card = useQuery({ ...cardQueries.detail(), refetchInterval: CARD_REFRESH_MS, refetchOnWindowFocus: true });
  // The member barcode is the default; spending swaps in the changing code, in the same place.
  const [spending, setSpending] = useState(false);
  useScreenWakeLock(card.data !== undefined);

  if (card.data === undefined) {
    if (card.isError) return <ErrorPanel error={card.error} onRetry={() => card.refetch()} />;
    return <CardSkeleton />;
  }
  return (
    <>
      {card.isError && <OfflineBanner since={card.dataUpdatedAt} />}
      <PointsToast balance={card.data.pointsBalance} updatedAt={card.dataUpdatedAt} />
      <MemberCardView card={card.data} spend={{ active: spending, setActive: setSpending }} />
    </>
  );
}
