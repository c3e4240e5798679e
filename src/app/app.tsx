import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Shell } from './app-shell';
import { CardScreen } from './features/card/components/card-screen';
import { LinkEntry } from './features/link/components/link-entry';
import { AddToHomeScreen } from './features/line-client/components/add-to-home-screen';
import { FriendshipPrompt } from './features/line-client/components/friendship-prompt';
import { ProfileNudge } from './features/profile/components/profile-nudge';
import { Loading } from './components/status';
import { liffMockEnabled } from './lib/env';
// The words of every screen but the card come with them (the card's are in the first download).
import './lib/screen-words';
import { useWithdrawalState } from './lib/withdrawal-state';

// Only the card is in the first download; every other screen loads when first opened.
const PointsScreen = lazy(() => import('./features/points/components/points-screen').then((m) => ({ default: m.PointsScreen })));
const StampCardScreen = lazy(() => import('./features/stamps/components/stamp-card-screen').then((m) => ({ default: m.StampCardScreen })));
const CouponListScreen = lazy(() => import('./features/coupons/components/coupon-list-screen').then((m) => ({ default: m.CouponListScreen })));
const CouponDetailScreen = lazy(() => import('./features/coupons/components/coupon-detail-screen').then((m) => ({ default: m.CouponDetailScreen })));
const ProfileScreen = lazy(() => import('./features/profile/components/profile-screen').then((m) => ({ default: m.ProfileScreen })));
const LinkScreen = lazy(() => import('./features/link/components/link-screen').then((m) => ({ default: m.LinkScreen })));
const MyPageRoute = lazy(() => import('./routes/mypage-route'));
const LegalScreen = lazy(() => import('./features/mypage/components/legal-screen').then((m) => ({ default: m.LegalScreen })));
const GoodbyeScreen = lazy(() => import('./features/mypage/components/goodbye-screen').then((m) => ({ default: m.GoodbyeScreen })));

// After the card: its code and words never weigh on the card's first load.
const WalletButtons = lazy(() => import('./features/wallet/components/wallet-buttons'));
const BirthdayGreeting = lazy(() => import('./features/coupons/components/birthday-greeting').then((m) => ({ default: m.BirthdayGreeting })));

const PersonaSwitcher = liffMockEnabled ? lazy(() => import('./features/dev-personas/components/persona-switcher')) : null;

export function createQueryClient() {
  // One quick retry, not React Query's three with back-off (7 s): a failed load says so in about a second.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, retryDelay: 600 } } });
}

function DevPersonaSwitcher() {
  if (!PersonaSwitcher) return null;
  return (
    <Suspense fallback={null}>
      <PersonaSwitcher />
    </Suspense>
  );
}

export function App({ queryClient, brandName }: { queryClient: QueryClient; brandName: string }) {
  // After a withdrawal every route shows the goodbye: no screen may fetch, be answered 401 and sign in again.
  const withdrawn = useWithdrawalState((s) => s.withdrawn);
  if (withdrawn) {
    return (
      <QueryClientProvider client={queryClient}>
        <Shell brandName={brandName} nav={false}>
          <Suspense fallback={null}>
            <GoodbyeScreen />
          </Suspense>
          <DevPersonaSwitcher />
        </Shell>
      </QueryClientProvider>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <Shell brandName={brandName}>
        <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/points" component={PointsScreen} />
          <Route path="/stamps" component={StampCardScreen} />
          <Route path="/coupons" component={CouponListScreen} />
          <Route path="/coupons/:couponId">{(params) => <CouponDetailScreen couponId={params.couponId} />}</Route>
          <Route path="/profile" component={ProfileScreen} />
          <Route path="/link" component={LinkScreen} />
          <Route path="/mypage" component={MyPageRoute} />
          <Route path="/terms">{() => <LegalScreen kind="terms" />}</Route>
          <Route path="/privacy">{() => <LegalScreen kind="privacy" />}</Route>
          <Route>
            <CardScreen />
            {/* Its own boundary: loading it never swaps the card for the screen-loading line. */}
            <Suspense fallback={null}>
              <BirthdayGreeting />
            </Suspense>
            <FriendshipPrompt />
            <ProfileNudge />
            <LinkEntry />
            <Suspense fallback={null}>
              <WalletButtons />
            </Suspense>
            <AddToHomeScreen />
          </Route>
        </Switch>
        </Suspense>
        <DevPersonaSwitcher />
      </Shell>
    </QueryClientProvider>
  );
}
