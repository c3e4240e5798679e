import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { CardScreen } from './features/card/components/card-screen';
import { liffMockEnabled } from './lib/env';
import { useI18n, useLocaleStore } from './lib/i18n';

const PersonaSwitcher = liffMockEnabled ? lazy(() => import('./features/dev-personas/components/persona-switcher')) : null;

export function createQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
}

function Header({ brandName }: { brandName: string }) {
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

export function App({ queryClient, brandName }: { queryClient: QueryClient; brandName: string }) {
  const { locale } = useI18n();
  return (
    <QueryClientProvider client={queryClient}>
      <div lang={locale} className="mx-auto min-h-dvh max-w-md bg-stone-50 text-stone-900">
        <Header brandName={brandName} />
        <main>
          <Switch>
            <Route path="/" component={CardScreen} />
            <Route>
              <CardScreen />
            </Route>
          </Switch>
        </main>
        {PersonaSwitcher && (
          <Suspense fallback={null}>
            <PersonaSwitcher />
          </Suspense>
        )}
      </div>
    </QueryClientProvider>
  );
}
