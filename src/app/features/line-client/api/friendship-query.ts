import { getFriendship } from '../../../lib/liff';
import { reportFriendship } from './report-friendship';

export const friendshipQuery = {
  queryKey: ['line-client', 'friendship'] as const,
  // Read once per open and reported to the BFF; null when LIFF cannot tell (no linked Official Account).
  queryFn: async () => {
    const friend = await getFriendship();
    // A failed report must not hide the prompt; the next open reports again.
    if (friend !== null) await reportFriendship({ friend }).catch((error: unknown) => console.warn('friendship report failed', error));
    return friend;
  },
  staleTime: Infinity,
  retry: false,
};
