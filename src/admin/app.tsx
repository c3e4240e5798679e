import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import { useI18n } from './lib/i18n';
import { StaffConsole } from '../staff-kit/components/staff-console';
import { createStaffQueryClient } from '../staff-kit/lib/staff-query-client';
import { CampaignsScreen } from './features/campaigns/components/campaigns-screen';
import { DashboardScreen } from './features/dashboard/components/dashboard-screen';
import { ProgramScreen } from './features/program/components/program-screen';
import { SegmentsScreen } from './features/segments/components/segments-screen';

export function createQueryClient() {
  return createStaffQueryClient({ queries: { staleTime: 60_000 } });
}

function Dashboard() {
  const { t } = useI18n();
  return (
    <StaffConsole
      title={t('admin.title')}
      loginTitle="admin.login.title"
      // Clerks never open the figures, so their demo accounts are left out here.
      demoRoles={['manager', 'admin', 'marketing']}
      nav={(me) =>
        me.role === 'marketing' ? (
          <Link href="/segments">{t('admin.nav.segments')}</Link>
        ) : (
          <>
            <Link href="/">{t('admin.nav.figures')}</Link>
            <Link href="/campaigns">{t('admin.nav.campaigns')}</Link>
            <Link href="/segments">{t('admin.nav.segments')}</Link>
            <Link href="/program">{t('admin.nav.program')}</Link>
          </>
        )
      }
    >
      {(me) => {
        // Marketing staff work on segment messages only; the figures and rules are the admin's.
        if (me.role === 'marketing') return <SegmentsScreen />;
        if (me.role !== 'admin') {
          return (
            <p role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900">
              {t('admin.forbidden')}
            </p>
          );
        }
        return (
          <Switch>
            <Route path="/program" component={ProgramScreen} />
            <Route path="/campaigns" component={CampaignsScreen} />
            <Route path="/segments" component={SegmentsScreen} />
            <Route>
              <DashboardScreen />
            </Route>
          </Switch>
        );
      }}
    </StaffConsole>
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
