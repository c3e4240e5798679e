import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { friendshipQuery } from '../api/friendship-query';
import { FriendshipPrompt } from './friendship-prompt';

/** My page's part: whether LINE notices reach the shopper (friends of the Official Account only), with the way to add it. */
export function FriendshipStatus() {
  const { t } = useI18n();
  const friendship = useQuery(friendshipQuery);
  if (friendship.isPending) return null;
  const text = friendship.data === true ? 'mypage.notices.friend' : friendship.data === false ? 'mypage.notices.notFriend' : 'mypage.notices.unknown';
  return (
    <div data-testid="friendship-status">
      <p className="text-sm text-stone-600">{t(text)}</p>
      {friendship.data === false && (
        <div className="-mx-3 mt-3">
          <FriendshipPrompt />
        </div>
      )}
    </div>
  );
}
