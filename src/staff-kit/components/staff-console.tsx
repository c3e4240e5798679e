import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { StaffMe, StaffRole } from '../../contract/staff';
import { useLocaleStore } from '../../shared/i18n';
import { useI18n, type MessageKey } from '../i18n';
import { logOut, staffSessionQueries } from '../api/session-queries';
import { ENDS_STAFF_SESSION } from '../lib/staff-query-client';
import { LoginScreen } from './login-screen';

/** Who is signed in (name, store, role), the part's own links, the language switch and the logout. */
function StaffHeader({ me, title, nav }: { me: StaffMe; title: ReactNode; nav?: ReactNode }) {
  const { t, locale, localised } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  // The staff query client ends the session when this settles, whatever the BFF answered.
  const logout = useMutation({ mutationFn: logOut, meta: ENDS_STAFF_SESSION });
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 bg-stone-900 px-4 py-2 text-white">
      <h1 className="text-lg font-semibold">{title}</h1>
      <span className="text-sm" data-testid="staff-whoami">
        {t('clerk.whoami', { name: me.displayName, store: me.storeName ? localised(me.storeName) : me.storeId, role: t(`clerk.role.${me.role}`) })}
      </span>
      <nav className="flex items-center gap-3 text-sm">
        {nav}
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

/**
 * A staff part's page: the login page until someone signs in, then the header and the part's
 * screens. `nav` and `children` receive the signed-in person, whose role decides what they see.
 */
export function StaffConsole({
  title,
  loginTitle,
  demoRoles,
  nav,
  children,
}: {
  title: ReactNode;
  loginTitle: MessageKey;
  demoRoles?: readonly StaffRole[];
  nav?: (me: StaffMe) => ReactNode;
  children: (me: StaffMe) => ReactNode;
}) {
  const { t, locale } = useI18n();
  const me = useQuery(staffSessionQueries.me());
  if (me.isError) return <p role="alert" className="p-8 text-red-900">{me.error.message}</p>;
  if (me.data === undefined) return <p className="p-8 text-stone-600">{t('app.loading')}</p>;
  if (me.data === null) return <LoginScreen title={loginTitle} demoRoles={demoRoles} />;
  return (
    <div lang={locale} className="min-h-dvh">
      <StaffHeader me={me.data} title={title} nav={nav?.(me.data)} />
      <main className="mx-auto max-w-6xl p-4">{children(me.data)}</main>
    </div>
  );
}
