import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { StaffRole } from '../../contract/staff';
import { useI18n, type MessageKey } from '../i18n';
import { logIn, staffSessionQueries } from '../api/session-queries';
import { refusalText } from '../lib/refusal-text';

/** Staff sign-in; `demoRoles` lists the development accounts worth showing on this part's page. */
export function LoginScreen({ title, demoRoles }: { title: MessageKey; demoRoles?: readonly StaffRole[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const demo = useQuery(staffSessionQueries.demoAccounts());
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: logIn,
    onSuccess: (me) => queryClient.setQueryData(staffSessionQueries.me().queryKey, me),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };

  return (
    <main className="mx-auto mt-16 max-w-sm rounded-2xl bg-white p-6 shadow">
      <h1 className="mb-4 text-xl font-semibold">{t(title)}</h1>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-sm">
          {t('clerk.login.username')}
          <input className="rounded-lg border border-stone-300 px-3 py-2 text-base" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('clerk.login.password')}
          <input className="rounded-lg border border-stone-300 px-3 py-2 text-base" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {login.isError && (
          <p role="alert" className="rounded-lg bg-red-50 p-2 text-sm text-red-900">
            {refusalText(login.error, t)}
          </p>
        )}
        <button type="submit" disabled={login.isPending} className="rounded-lg bg-stone-900 py-2 font-semibold text-white disabled:opacity-50">
          {t('clerk.login.submit')}
        </button>
      </form>
      {demo.data && (
        <section className="mt-6 rounded-lg bg-amber-50 p-3 text-xs text-amber-900" data-testid="demo-staff">
          <p>{t('clerk.login.demo', { password: demo.data.password })}</p>
          <ul className="mt-1 font-mono">
            {demo.data.accounts
              .filter((a) => !demoRoles || demoRoles.includes(a.role))
              .map((a) => (
                <li key={a.username}>
                  {a.username} — {a.storeId} / {t(`clerk.role.${a.role}`)}
                </li>
              ))}
          </ul>
        </section>
      )}
    </main>
  );
}
