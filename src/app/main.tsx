import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient, Shell } from './app';
import { loadCachedCard } from './lib/card-cache';
import { MemberCardView } from './features/card/components/card-screen';
import { establishSession } from './features/session/api/create-session';
import { setReauthenticate } from './lib/api-client';
import { clientEnv, liffMockEnabled } from './lib/env';
import { initLiff } from './lib/liff';
import './styles.css';

const BRAND_NAME = document.querySelector('meta[name="application-name"]')?.getAttribute('content') ?? 'Member Card';

async function start() {
  const root = createRoot(document.getElementById('root')!);
  const devPersonas = liffMockEnabled ? await import('./features/dev-personas/api/persona-identity') : undefined;
  devPersonas?.applyPersonaFromUrl();
  // A repeat open shows the last card at once, while LIFF initialises and the BFF answers.
  const cached = loadCachedCard();
  if (cached && window.location.pathname === '/') {
    root.render(
      <Shell brandName={BRAND_NAME}>
        <MemberCardView card={cached.card} />
      </Shell>,
    );
  }

  const mockIdentity = devPersonas?.fetchPersonaIdentity;
  // liff.init must finish before the router reads the URL: LIFF delivers deep links via liff.state.
  const auth = await initLiff({ liffId: clientEnv.liffId, mockIdentity });
  setReauthenticate(() => establishSession(auth));
  root.render(
    <StrictMode>
      <App queryClient={createQueryClient()} brandName={BRAND_NAME} />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root')!;
  root.textContent = `LIFF could not start: ${error instanceof Error ? error.message : String(error)}`;
});
