import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { addFriendLink } from '../../../lib/deep-links';
import { clientEnv } from '../../../lib/env';
import { getFriendship, isLiffApiAvailable, requestFriendship } from '../../../lib/liff';
import { friendshipQuery } from '../api/friendship-query';
import { reportFriendship } from '../api/report-friendship';

/**
 * Messages (expiring points, coupons) reach friends of the Official Account only: a shopper who is
 * not one is offered LINE's own prompt where `requestFriendship` is available, else the friend link.
 */
export function FriendshipPrompt() {
  const { t } = useI18n();
  const friendship = useQuery(friendshipQuery);
  const queryClient = useQueryClient();
  const request = useMutation({
    mutationFn: async () => {
      await requestFriendship();
      const friend = await getFriendship();
      if (friend !== null) await reportFriendship({ friend });
      return friend;
    },
    onSuccess: (friend) => queryClient.setQueryData(friendshipQuery.queryKey, friend),
  });
  if (request.data === true) {
    return (
      <p role="status" className="mx-3 mb-4 rounded-xl bg-emerald-50 p-3 text-sm text-emerald-900">
        {t('friend.thanks')}
      </p>
    );
  }
  if (friendship.data !== false) return null;
  const canRequest = isLiffApiAvailable('requestFriendship');
  const basicId = clientEnv.officialAccountBasicId;
  if (!canRequest && !basicId) return null;
  return (
    <section aria-labelledby="friendship-title" className="mx-3 mb-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-emerald-200" data-testid="friendship-prompt">
      <h2 id="friendship-title" className="font-semibold">
        {t('friend.title')}
      </h2>
      <p className="mt-1 text-sm text-stone-600">{t('friend.body')}</p>
      {canRequest ? (
        <button type="button" className="mt-3 w-full rounded-lg bg-emerald-600 py-2 font-semibold text-white" disabled={request.isPending} onClick={() => request.mutate()}>
          {t('friend.add')}
        </button>
      ) : (
        <a className="mt-3 flex min-h-11 w-full items-center justify-center rounded-lg bg-emerald-600 py-2 font-semibold text-white" href={addFriendLink(basicId!)}>
          {t('friend.add')}
        </a>
      )}
    </section>
  );
}
