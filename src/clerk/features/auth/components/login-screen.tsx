import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { refusalText } from '../../../lib/refusal-text';
import { logIn, sessionQueries } from '../api/session-queries';

export function LoginScreen() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const demo = useQuery(sessionQueries.demoAccounts());
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: logIn,
    onSuccess: (me) => queryClient.setQueryData(sessionQueries.me().queryKey, me),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };

  return (
    <main className="mx-auto mt-16 max-w-sm rounded-2xl bg-white p-6 shadow">
      <h1 className="mb-4 text-xl font-semibold">{t('clerk.login.title')}</h1>
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
            {demo.data.accounts.map((a) => (
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
