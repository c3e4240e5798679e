import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './app-shell';
import { ErrorPanel, Loading, OfflineBanner, StartingNotice } from './components/status';
import { loadCachedCard, saveCachedCard, type CachedCard } from './lib/card-cache';
import { MemberCardView } from './features/card/components/member-card-view';
import { CardSkeleton } from './features/card/components/card-skeleton';
import { OutsideLinePage } from './features/line-client/components/outside-line-page';
import { establishSession } from './features/session/api/create-session';
import { setReauthenticate } from './lib/api-client';
import { registerAppShellWorker } from './lib/app-shell-worker';
import { appStylesReady } from './lib/app-styles';
import { isScreenPath, resolveLiffState } from './lib/deep-links';
import { clientEnv, liffMockEnabled } from './lib/env';
import { useI18n } from './lib/i18n';
import { createPermanentLink, initLiff, preloadMockSdk, type LiffAuth, type LiffStart } from './lib/liff';
import { untilBffAnswers, type WaitingReason } from './lib/until-bff-answers';
import { isWithdrawnHere } from './lib/withdrawal-state';
import './styles.css';

const BRAND_NAME = document.querySelector('meta[name="application-name"]')?.getAttribute('content') ?? 'Member Card';

const root = createRoot(document.getElementById('root')!);

/**
 * The rest of the app (react-query, the tabs' screens, the prompts under the card): asked for once a
 * card is on screen, so a first open downloads and compiles only what draws the card before it.
 */
const importApp = () => Promise.all([import('./app'), import('./features/card/api/card-queries')]);
let appModules: ReturnType<typeof importApp> | undefined;
const loadApp = () => (appModules ??= importApp());

function show(content: ReactNode, nav = true) {
  root.render(
    <Shell brandName={BRAND_NAME} nav={nav}>
      {content}
    </Shell>,
  );
}

/** Outside LINE: the same screen inside LINE (LIFF's own permanent link where it started, else the MINI App form), or log in here. */
async function showOutsideLine(outside: Extract<LiffStart, { kind: 'outside-line' }>): Promise<LiffAuth> {
  const path = window.location.pathname;
  const openInLine = await createPermanentLink(isScreenPath(path) ? path : '/');
  return new Promise<LiffAuth>((resolve) =>
    show(<OutsideLinePage openInLine={openInLine} failure={outside.failure} onLoginHere={() => void outside.loginHere().then(resolve)} />, false),
  );
}

async function start() {
  if (liffMockEnabled) void preloadMockSdk();
  await appStylesReady();
  // This tab saw a withdrawal: starting LIFF and a session would register a new member unasked.
  if (isWithdrawnHere()) {
    const [{ GoodbyeScreen }] = await Promise.all([import('./features/mypage/components/goodbye-screen'), import('./lib/screen-words')]);
    show(<GoodbyeScreen />, false);
    return;
  }
  const devPersonas = liffMockEnabled ? await import('./features/dev-personas/api/persona-identity') : undefined;
  devPersonas?.applyPersonaFromUrl();
  // A repeat open shows the last card at once, while LIFF initialises and the BFF answers; a deep link
  // (liff.state) is for another screen, so it waits instead.
  const cached = cachedCardForThisOpen();
  if (cached) {
    show(<StartCard card={cached.card} />);
    void loadApp().catch(() => undefined); // awaited below, where a failure is reported
  }
  // A first open: the card's outline where the card will be, instead of an empty page. No tabs yet:
  // nothing may change the URL before liff.init resolves.
  else show(isCardOpen() ? <CardSkeleton /> : <Loading />, false);
  // While the BFF is starting (npm run dev on a fresh clone) or unreachable: retry, and say so.
  const onWaiting = (reason: WaitingReason) =>
    show(
      cached ? (
        <StartCard card={cached.card} offlineSince={cached.savedAt} />
      ) : (
        <StartingNotice reason={reason} />
      ),
    );

  const mockIdentity = devPersonas && (() => untilBffAnswers(devPersonas.fetchPersonaIdentity, onWaiting));
  // liff.init must finish before anything changes the URL (LIFF fails with INIT_FAILED otherwise).
  const started = await initLiff({ liffId: clientEnv.liffId, mockIdentity });
  const auth = started.kind === 'ready' ? started.auth : await showOutsideLine(started);

  // A permanent link arrives as ?liff.state=/coupons/…: now that LIFF is up, make it the route.
  const deepLink = resolveLiffState(window.location);
  if (deepLink) window.history.replaceState(null, '', deepLink);

  // The session first, so no /api/me request ever goes out without one (and answers 401).
  setReauthenticate(async () => {
    // After a withdrawal a 401 is the end of the membership, not an expired token: signing in again would register anew.
    if (isWithdrawnHere()) throw new Error('withdrawn');
    await establishSession(auth);
  });
  const card = await untilBffAnswers(() => establishSession(auth), onWaiting);
  saveCachedCard(card, Date.now());
  // The card at once, from the session's answer; another screen waits for the rest of the app.
  if (isCardOpen()) show(<StartCard card={card} />);
  const [{ App, createQueryClient }, { seedCard }] = await loadApp();
  const queryClient = createQueryClient();
  seedCard(queryClient, card);
  root.render(
    <StrictMode>
      <App queryClient={queryClient} brandName={BRAND_NAME} />
    </StrictMode>,
  );
  // Only now that the card is up: the next open gets its shell from the phone, not the network.
  registerAppShellWorker();
}

/**
 * The card before the app has loaded. One shape whether or not the offline banner is over it, so
 * the banner coming or going (or the session's card replacing the cached one) updates the card in
 * place instead of drawing it anew.
 */
function StartCard({ card, offlineSince }: { card: CachedCard['card']; offlineSince?: number }) {
  return (
    <>
      {offlineSince !== undefined && <OfflineBanner since={offlineSince} />}
      <MemberCardView card={card} />
    </>
  );
}

function isCardOpen(): boolean {
  return window.location.pathname === '/' && resolveLiffState(window.location) === null;
}

function cachedCardForThisOpen(): CachedCard | null {
  return isCardOpen() ? (loadCachedCard() ?? null) : null;
}

/** LIFF or the session could not start: said in the shopper's words, and the last card stays usable at the register. */
function StartFailed({ cached }: { cached: CachedCard | null }) {
  const { t } = useI18n();
  return (
    <>
      {cached && <StartCard card={cached.card} offlineSince={cached.savedAt} />}
      <ErrorPanel message={t('app.error.start')} onRetry={() => window.location.reload()} />
    </>
  );
}

start().catch((error: unknown) => {
  // The technical cause is for the console; the shopper gets a sentence and a retry.
  console.error(error);
  root.render(
    <Shell brandName={BRAND_NAME} nav={false}>
      <StartFailed cached={cachedCardForThisOpen()} />
    </Shell>,
  );
});
