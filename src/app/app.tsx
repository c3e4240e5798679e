import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Route, Switch, useRoute } from 'wouter';
import { CardScreen } from './features/card/components/card-screen';
import { LinkEntry } from './features/link/components/link-entry';
import { AddToHomeScreen } from './features/line-client/components/add-to-home-screen';
import { FriendshipPrompt } from './features/line-client/components/friendship-prompt';
import { ProfileNudge } from './features/profile/components/profile-nudge';
import { liffMockEnabled } from './lib/env';
import { useLocaleStore } from '../shared/i18n';
import { useI18n, type MessageKey } from './lib/i18n';

// Only the card is in the first download; every other screen loads when first opened.
const PointsScreen = lazy(() => import('./features/points/components/points-screen').then((m) => ({ default: m.PointsScreen })));
const StampCardScreen = lazy(() => import('./features/stamps/components/stamp-card-screen').then((m) => ({ default: m.StampCardScreen })));
const CouponListScreen = lazy(() => import('./features/coupons/components/coupon-list-screen').then((m) => ({ default: m.CouponListScreen })));
const CouponDetailScreen = lazy(() => import('./features/coupons/components/coupon-detail-screen').then((m) => ({ default: m.CouponDetailScreen })));
const ProfileScreen = lazy(() => import('./features/profile/components/profile-screen').then((m) => ({ default: m.ProfileScreen })));
const LinkScreen = lazy(() => import('./features/link/components/link-screen').then((m) => ({ default: m.LinkScreen })));

const PersonaSwitcher = liffMockEnabled ? lazy(() => import('./features/dev-personas/components/persona-switcher')) : null;

export function createQueryClient() {
  // One quick retry, not React Query's three with back-off (7 s): a failed load says so in about a second.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, retryDelay: 600 } } });
}

export function Header({ brandName }: { brandName: string }) {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <header className="flex items-center justify-between px-4 pt-4">
      <h1 className="text-lg font-semibold tracking-wide">{brandName}</h1>
      <button
        type="button"
        lang={locale === 'ja' ? 'en' : 'ja'}
        className="rounded-full border border-stone-300 px-3 py-1 text-xs"
        onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
      >
        {t('locale.switch')}
      </button>
    </header>
  );
}

const tabs: Array<{ href: string; label: MessageKey; match: string }> = [
  { href: '/', label: 'nav.card', match: '/' },
  { href: '/points', label: 'nav.points', match: '/points' },
  { href: '/stamps', label: 'nav.stamps', match: '/stamps' },
  { href: '/coupons', label: 'nav.coupons', match: '/coupons/*?' },
];

function Tab({ href, label, match }: (typeof tabs)[number]) {
  const { t } = useI18n();
  const [active] = useRoute(match);
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`flex-1 py-3 text-center text-xs ${active ? 'font-bold text-stone-900' : 'text-stone-500'}`}
    >
      {t(label)}
    </Link>
  );
}

/** The page frame; `nav={false}` drops the tabs where they lead nowhere (outside LINE, a failed start). */
export function Shell({ brandName, nav = true, children }: { brandName: string; nav?: boolean; children: ReactNode }) {
  const { locale, t } = useI18n();
  return (
    <div lang={locale} className="mx-auto flex min-h-dvh max-w-md flex-col bg-stone-50 text-stone-900">
      <Header brandName={brandName} />
      <main className="flex-1 pb-20">{children}</main>
      {nav && (
        <nav aria-label={t('card.title')} className="fixed inset-x-0 bottom-0 mx-auto flex max-w-md border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)]">
          {tabs.map((tab) => (
            <Tab key={tab.href} {...tab} />
          ))}
        </nav>
      )}
    </div>
  );
}

function ScreenLoading() {
  const { t } = useI18n();
  return <p className="p-8 text-center text-stone-500">{t('app.loading')}</p>;
}

export function App({ queryClient, brandName }: { queryClient: QueryClient; brandName: string }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell brandName={brandName}>
        <Suspense fallback={<ScreenLoading />}>
        <Switch>
          <Route path="/points" component={PointsScreen} />
          <Route path="/stamps" component={StampCardScreen} />
          <Route path="/coupons" component={CouponListScreen} />
          <Route path="/coupons/:couponId">{(params) => <CouponDetailScreen couponId={params.couponId} />}</Route>
          <Route path="/profile" component={ProfileScreen} />
          <Route path="/link" component={LinkScreen} />
          <Route>
            <CardScreen />
            <FriendshipPrompt />
            <ProfileNudge />
            <LinkEntry />
            <AddToHomeScreen />
          </Route>
        </Switch>
        </Suspense>
        {PersonaSwitcher && (
          <Suspense fallback={null}>
            <PersonaSwitcher />
          </Suspense>
        )}
      </Shell>
    </QueryClientProvider>
  );
}
