import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { requireShopper } from '../auth/require-shopper';
import { sessionRoutes } from '../auth/session.routes';
import { campaignRoutes } from '../dashboard/campaigns.routes';
import { dashboardRoutes } from '../dashboard/dashboard.routes';
import { devRoutes } from '../dev/dev.routes';
import { friendshipRoutes } from '../line/friendship.routes';
import { lineWebhookRoutes } from '../line/webhook.routes';
import { linkRoutes, accountRoutes } from '../linking/link.routes';
import { cardRoutes } from '../loyalty/card.routes';
import { shopperLoyaltyRoutes } from '../loyalty/shopper-loyalty.routes';
import { messagePreferencesRoutes } from '../members/message-preferences.routes';
import { rotatingCodeRoutes } from '../members/rotating-code.routes';
import { segmentsRoutes, sendsRoutes } from '../segments/segments.routes';
import { staffRoutes } from '../staff/staff.routes';
import { profileRoutes } from '../profile/profile.routes';
import { postalCodeRoutes } from '../postal/postal.routes';
import { requestLogging } from '../logging/logger';
import { googleWalletRoutes } from '../wallet/google/google-wallet.routes';
import { walletsRoutes } from '../wallet/wallets.routes';
import type { AppDeps } from './app-deps';
import type { ShopperEnv } from '../members/shopper-env';
import { healthRoutes } from '../http/health.routes';
import { errorBody, handleError, notFound } from '../http/http-error';
import { inlineScriptHashes, noStore, securityHeaders } from '../http/security-headers';
import { retryReadsOnce } from '../http/retry-reads';
import { queueRequests } from '../http/request-queue';
import { appleWalletRoutes, appleWalletShopperRoutes } from '../wallet/apple/apple-wallet.routes';
import { APPLE_WALLET_PREFIX } from '../wallet/apple/apple-wallet-setup';

const API_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Hashed build assets are immutable; HTML shells revalidate so a deploy reaches every phone at once.
 * Set after serving: a header set in serveStatic's onFound misses the response it has already built.
 */
const staticCaching: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.ok || c.res.headers.has('Cache-Control')) return;
  const html = c.res.headers.get('Content-Type')?.startsWith('text/html') ?? false;
  if (html) c.header('Cache-Control', 'no-cache');
  else if (c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'public, max-age=31536000, immutable');
};

/** The HTML shells the BFF serves; their inline scripts are allowed by hash. */
const HTML_SHELLS = ['index.html', 'clerk/index.html', 'admin/index.html'];

function shellScriptHashes(staticDir: string | undefined): string[] {
  if (!staticDir) return [];
  return HTML_SHELLS.map((shell) => join(staticDir, shell))
    .filter((file) => existsSync(file))
    .flatMap((file) => inlineScriptHashes(readFileSync(file, 'utf8')));
}

/** Builds the whole BFF; production and tests use the same app (tests call `app.request()`). */
export function createApp(deps: AppDeps) {
  const app = new Hono<ShopperEnv>();
  app.onError(handleError);
  app.use('*', ...requestLogging(deps.logger));
  app.use('*', securityHeaders({ production: deps.production, inlineScriptHashes: shellScriptHashes(deps.staticDir) }));
  app.use('/api/*', noStore);

  // No API body needs more than a few kB; a larger one is refused before anything reads it.
  const limitBodyWhereSent = bodyLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: (c) => c.json(errorBody('body_too_large', `Request bodies are limited to ${API_BODY_LIMIT_BYTES / 1024} kB.`), 413),
  });
  // GET and HEAD carry no body (the node adapter hands them none), and asking for one would build the full
  // web Request the adapter otherwise never makes: an eighth of the BFF's CPU on card reads (a CPU profile).
  const limitBody: MiddlewareHandler = (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBodyWhereSent(c, next));
  app.use('/api/*', limitBody);
  app.use('/dev/*', limitBody);
  app.use(`${APPLE_WALLET_PREFIX}/*`, limitBody);
  app.use('/api/*', retryReadsOnce((request, env) => app.fetch(request, env)));
  app.route('/api/health', healthRoutes(deps.db));
  // After health (a readiness probe never waits behind a burst) and inside the retry (a retried read queues again).
  if (deps.requestQueue) app.use('/api/*', queueRequests(deps.requestQueue));
  if (deps.requestQueue) app.use(`${APPLE_WALLET_PREFIX}/*`, queueRequests(deps.requestQueue));
  app.route('/api/session', sessionRoutes(deps));
  app.route('/api/postal-codes', postalCodeRoutes());
  // The card read checks the session inside its one statement; it answers before requireShopper runs.
  app.route('/api/me/card', cardRoutes(deps));
  app.use('/api/me/*', requireShopper(deps.sessions, deps.db));
  app.route('/api/me/rotating-code', rotatingCodeRoutes(deps));
  app.route('/api/me/message-preferences', messagePreferencesRoutes(deps));
  app.route('/api/me/profile', profileRoutes(deps));
  app.route('/api/me/link', linkRoutes(deps));
  app.route('/api/me/account', accountRoutes(deps));
  app.route('/api/me/line-friendship', friendshipRoutes(deps));
  const appleWallet = { ...deps, appleWallet: deps.appleWallet ?? null };
  app.route('/api/me/wallet/apple', appleWalletShopperRoutes(appleWallet));
  app.route('/api/line/webhook', lineWebhookRoutes(deps));
  app.route('/api/me/wallets', walletsRoutes(deps));
  app.route('/api/me/wallet/google', googleWalletRoutes(deps));
  app.route('/api/me', shopperLoyaltyRoutes(deps));
  app.route('/api/staff', staffRoutes(deps));
  // Before /api/admin, whose catch-all answers 404 for anything it does not know.
  app.route('/api/admin/campaigns', campaignRoutes(deps));
  app.route('/api/admin/segments', segmentsRoutes(deps));
  app.route('/api/admin/sends', sendsRoutes(deps));
  app.route('/api/admin', dashboardRoutes(deps));
  // Apple's PassKit web service (the pass's webServiceURL) and the pass download links: no session, the pass's own token.
  app.route(APPLE_WALLET_PREFIX, appleWalletRoutes(appleWallet));
  app.all(`${APPLE_WALLET_PREFIX}/*`, notFound);
  if (deps.dev) app.route('/dev', devRoutes(deps.dev, deps));
  app.all('/api/*', notFound);
  app.all('/dev/*', notFound);

  if (deps.staticDir) {
    const root = deps.staticDir;
    // Source maps would hand out the original source; production keeps them for error tracking only.
    if (deps.production) app.use('*', async (c, next) => (c.req.path.endsWith('.map') ? notFound(c) : next()));
    app.use('*', staticCaching);
    // The build writes .br and .gz beside each text asset: served as the browser accepts them.
    app.use('*', serveStatic({ root, precompressed: true }));
    // The clerk console is its own entry; its client-side routes load its own shell.
    app.get('/clerk', (c) => c.redirect('/clerk/'));
    app.get('/clerk/*', serveStatic({ root, path: 'clerk/index.html', precompressed: true }));
    app.get('/admin', (c) => c.redirect('/admin/'));
    app.get('/admin/*', serveStatic({ root, path: 'admin/index.html', precompressed: true }));
    // Client-side routes (and LIFF deep links) all load the SPA shell.
    app.get('*', serveStatic({ root, path: 'index.html', precompressed: true }));
  }
  app.notFound(notFound);
  return app;
}

export type App = ReturnType<typeof createApp>;
