import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import type { StaffMe } from '../contract/staff';
import { useLocaleStore } from '../shared/i18n';
import { useI18n } from './lib/i18n';
import { AnomalyScreen } from './features/anomalies/components/anomaly-screen';
import { AuditScreen } from './features/audit/components/audit-screen';
import { logOut, sessionQueries } from './features/auth/api/session-queries';
import { LoginScreen } from './features/auth/components/login-screen';
import { memberQueries } from './features/register/api/member-queries';
import { MemberPanel } from './features/register/components/member-panel';
import { PurchaseForm } from './features/register/components/purchase-form';
import { RedeemCouponForm } from './features/register/components/redeem-coupon-form';
import { RedeemPointsForm } from './features/register/components/redeem-points-form';
import { VoidPurchaseForm } from './features/register/components/void-purchase-form';
import { ScanField } from './features/scan/components/scan-field';
import { useScanStore } from './features/scan/stores/scan-store';
import { StaffApiError } from './lib/api-client';
import { refusalText } from './lib/refusal-text';

export function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    // A session that ended (expiry, logout elsewhere) sends the clerk back to the login page.
    queryCache: new QueryCache({ onError: (error) => endedSession(error) && endShift(queryClient) }),
    mutationCache: new MutationCache({ onError: (error) => endedSession(error) && endShift(queryClient) }),
  });
  return queryClient;
}

/**
 * Log out (or a session that ended): nothing of the last shopper stays for the next clerk —
 * the scanned code, drafts and every member, audit and action result go, and the login page shows.
 * The session answer is set to null rather than cleared, so the screen changes at once.
 */
export function endShift(queryClient: QueryClient) {
  useScanStore.getState().clear();
  queryClient.getMutationCache().clear();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueries.all()[0] });
  queryClient.setQueryData(sessionQueries.me().queryKey, null);
}

const endedSession = (error: Error) => error instanceof StaffApiError && error.status === 401 && error.code === 'staff_session_required';

function Header({ me }: { me: StaffMe }) {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  const queryClient = useQueryClient();
  const logout = useMutation({ mutationFn: logOut, onSettled: () => endShift(queryClient) });
  return (
    <header className="flex items-center justify-between gap-3 bg-stone-900 px-4 py-2 text-white">
      <Link href="/" className="text-lg font-semibold">
        {t('clerk.title')}
      </Link>
      <span className="text-sm" data-testid="staff-whoami">
        {t('clerk.whoami', { name: me.displayName, store: me.storeId, role: t(`clerk.role.${me.role}`) })}
      </span>
      <nav className="flex items-center gap-3 text-sm">
        {me.role !== 'clerk' && <Link href="/anomalies">{t('clerk.anomalies.link')}</Link>}
        {me.role !== 'clerk' && <Link href="/audit">{t('clerk.audit.link')}</Link>}
        <button type="button" lang={locale === 'ja' ? 'en' : 'ja'} onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}>
          {t('locale.switch')}
        </button>
        <button type="button" className="rounded border border-white/50 px-2 py-1" onClick={() => logout.mutate()}>
          {t('clerk.logout')}
        </button>
      </nav>
    </header>
  );
}

function Register() {
  const checkout = useScanStore((s) => s.checkout);
  // Keyed by checkout: 「次のお客様」 and log out start every form (the void form too) empty.
  return <RegisterCheckout key={checkout} />;
}

function RegisterCheckout() {
  const { t } = useI18n();
  const code = useScanStore((s) => s.code);
  const couponWithoutMember = useScanStore((s) => s.couponWithoutMember);
  const couponCode = useScanStore((s) => s.couponCode);
  const setCouponCode = useScanStore((s) => s.setCouponCode);
  const clear = useScanStore((s) => s.clear);
  const member = useQuery({ ...memberQueries.byCode(code ?? ''), enabled: code !== null });
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <ScanField />
        {couponWithoutMember && (
          <p role="alert" className="rounded-lg bg-amber-50 p-3 font-semibold text-amber-900" data-testid="coupon-needs-member">
            {t('clerk.scan.couponNeedsMember')}
          </p>
        )}
        {code !== null && member.isError && !member.data && (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-semibold text-red-900" data-testid="lookup-error">
            {refusalText(member.error, t)}
          </p>
        )}
        {code !== null && member.isFetching && !member.data && <p className="text-stone-500">{t('app.loading')}</p>}
        {code !== null && member.data && (
          <>
            <MemberPanel member={member.data} />
            <button type="button" className="self-start text-sm underline" onClick={clear}>
              {t('clerk.scan.clear')}
            </button>
          </>
        )}
        <VoidPurchaseForm />
      </div>
      {code !== null && member.data && (
        // Keyed by member number: the forms never carry over to another shopper, yet scanning the
        // same shopper's rotating code (to allow spending) keeps what was typed.
        <div className="flex flex-col gap-4" key={member.data.memberNumber}>
          <PurchaseForm member={member.data} />
          <RedeemPointsForm member={member.data} />
          <RedeemCouponForm member={member.data} couponCode={couponCode} setCouponCode={setCouponCode} />
        </div>
      )}
    </div>
  );
}

function Console() {
  const { t, locale } = useI18n();
  const me = useQuery(sessionQueries.me());
  if (me.isError) {
    const message = me.error instanceof StaffApiError ? me.error.message : String(me.error);
    return <p role="alert" className="p-8 text-red-900">{message}</p>;
  }
  if (me.data === undefined) return <p className="p-8 text-stone-500">{t('app.loading')}</p>;
  if (me.data === null) return <LoginScreen />;
  return (
    <div lang={locale} className="min-h-dvh">
      <Header me={me.data} />
      <main className="mx-auto max-w-6xl p-4">
        <Switch>
          <Route path="/audit" component={AuditScreen} />
          <Route path="/anomalies" component={AnomalyScreen} />
          <Route>
            <Register />
          </Route>
        </Switch>
      </main>
    </div>
  );
}

export function ClerkApp({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Router base="/clerk">
        <Console />
      </Router>
    </QueryClientProvider>
  );
}
