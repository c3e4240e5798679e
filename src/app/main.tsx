import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './app';
import { establishSession } from './features/session/api/create-session';
import { setReauthenticate } from './lib/api-client';
import { clientEnv, liffMockEnabled } from './lib/env';
import { initLiff } from './lib/liff';
import './styles.css';

const BRAND_NAME = document.querySelector('meta[name="application-name"]')?.getAttribute('content') ?? 'Member Card';

async function start() {
  const mockIdentity = liffMockEnabled
    ? (await import('./features/dev-personas/api/persona-identity')).fetchPersonaIdentity
    : undefined;
  // liff.init must finish before the router reads the URL: LIFF delivers deep links via liff.state.
  const auth = await initLiff({ liffId: clientEnv.liffId, mockIdentity });
  setReauthenticate(() => establishSession(auth));
  createRoot(document.getElementById('root')!).render(
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
