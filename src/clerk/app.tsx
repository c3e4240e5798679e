import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import type { StaffMe } from '../contract/staff';
import { useI18n, useLocaleStore } from '../shared/i18n';
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
    queryCache: new QueryCache({ onError: (error) => endedSession(error) && queryClient.setQueryData(sessionQueries.me().queryKey, null) }),
    mutationCache: new MutationCache({ onError: (error) => endedSession(error) && queryClient.setQueryData(sessionQueries.me().queryKey, null) }),
  });
  return queryClient;
}

const endedSession = (error: Error) => error instanceof StaffApiError && error.status === 401 && error.code === 'staff_session_required';

function Header({ me }: { me: StaffMe }) {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  const queryClient = useQueryClient();
  const logout = useMutation({ mutationFn: logOut, onSettled: () => queryClient.clear() });
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
  const { t } = useI18n();
  const code = useScanStore((s) => s.code);
  const clear = useScanStore((s) => s.clear);
  const member = useQuery({ ...memberQueries.byCode(code ?? ''), enabled: code !== null });
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <ScanField />
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
        // Keyed by member: the forms' inputs and confirmations never carry over to the next shopper.
        <div className="flex flex-col gap-4" key={member.data.memberCode}>
          <PurchaseForm member={member.data} />
          <RedeemPointsForm member={member.data} />
          <RedeemCouponForm member={member.data} />
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
