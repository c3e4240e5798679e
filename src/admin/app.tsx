import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import type { StaffMe } from '../contract/staff';
import { useLocaleStore } from '../shared/i18n';
import { useI18n } from './lib/i18n';
import { logOut, sessionQueries } from './features/auth/api/session-queries';
import { LoginScreen } from './features/auth/components/login-screen';
import { DashboardScreen } from './features/dashboard/components/dashboard-screen';
import { ProgramScreen } from './features/program/components/program-screen';

export function createQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 60_000 } } });
}

function Header({ me }: { me: StaffMe }) {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  const queryClient = useQueryClient();
  const logout = useMutation({ mutationFn: logOut, onSettled: () => queryClient.clear() });
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 bg-stone-900 px-4 py-2 text-white">
      <span className="text-lg font-semibold">{t('admin.title')}</span>
      <nav className="flex items-center gap-4 text-sm">
        <Link href="/">{t('admin.nav.figures')}</Link>
        <Link href="/program">{t('admin.nav.program')}</Link>
      </nav>
      <span className="text-sm">{t('clerk.whoami', { name: me.displayName, store: me.storeId, role: t(`clerk.role.${me.role}`) })}</span>
      <div className="flex items-center gap-3 text-sm">
        <button type="button" lang={locale === 'ja' ? 'en' : 'ja'} onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}>
          {t('locale.switch')}
        </button>
        <button type="button" className="rounded border border-white/50 px-2 py-1" onClick={() => logout.mutate()}>
          {t('clerk.logout')}
        </button>
      </div>
    </header>
  );
}

function Dashboard() {
  const { t, locale } = useI18n();
  const me = useQuery(sessionQueries.me());
  if (me.isError) return <p role="alert" className="p-8 text-red-900">{me.error.message}</p>;
  if (me.data === undefined) return <p className="p-8 text-stone-500">{t('app.loading')}</p>;
  if (me.data === null) return <LoginScreen />;
  return (
    <div lang={locale} className="min-h-dvh">
      <Header me={me.data} />
      <main className="mx-auto max-w-6xl p-4">
        {me.data.role !== 'admin' ? (
          <p role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900">
            {t('admin.forbidden')}
          </p>
        ) : (
          <Switch>
            <Route path="/program" component={ProgramScreen} />
            <Route>
              <DashboardScreen />
            </Route>
          </Switch>
        )}
      </main>
    </div>
  );
}

export function AdminApp({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Router base="/admin">
        <Dashboard />
      </Router>
    </QueryClientProvider>
  );
}
