import { useQuery } from '@tanstack/react-query';
import { cardQueries } from '../features/card/api/card-queries';
import { LinkedCardSection } from '../features/link/components/linked-card';
import { FriendshipStatus } from '../features/line-client/components/friendship-status';
import { MyPageScreen } from '../features/mypage/components/mypage-screen';
import { ReceiptPreference } from '../features/mypage/components/receipt-preference';
import { MessageConsentStatus, ProfileSummary } from '../features/profile/components/profile-summary';

/**
 * /mypage: the one place that puts parts of several features together (the app shell's job, like
 * the tab bar), so each feature stays out of its siblings. Loaded when first opened.
 */
export default function MyPageRoute() {
  const card = useQuery(cardQueries.detail());
  return (
    <MyPageScreen
      profile={<ProfileSummary />}
      card={<LinkedCardSection />}
      notices={
        <div className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <MessageConsentStatus />
          <ReceiptPreference />
          <FriendshipStatus />
        </div>
      }
      stakes={card.data && { pointsBalance: card.data.pointsBalance, usableCoupons: card.data.usableCouponCount }}
    />
  );
}
