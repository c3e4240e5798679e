/*
 * The shopper app's service worker: keeps the app shell (index.html) and the hashed build assets it
 * loads, so a repeat open paints the cached card without waiting for the network (the boot paint in
 * index.html reads the card from localStorage; this worker only removes the HTML round trip).
 *
 * It never stores an API answer or anything personal: only the shell, which is the same for every
 * shopper, and /assets/ files. Navigations are served from the cache and refreshed behind (stale
 * while revalidate), so a deploy reaches a phone on its second open after the deploy. The registering
 * page passes its build's entry file as ?v=, so each deploy installs a new worker that drops the
 * previous build's files. Consoles (/clerk, /admin), the API and the Wallet web service pass through.
 */
const VERSION = new URL(self.location.href).searchParams.get('v') || 'unversioned';
const CACHE = `mc-shell-${VERSION}`;
const SHELL = '/';
const PASS_THROUGH = /^\/(api|admin|clerk|dev|wallet|v1|__)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const shell = await fetch(SHELL, { cache: 'no-cache' });
      if (!shell.ok) return;
      const html = await shell.clone().text();
      await cache.put(SHELL, shell);
      // The entry, its preloads and the stylesheet: everything a repeat open needs before the network.
      const assets = [...new Set(html.match(/\/assets\/[\w.-]+\.(?:js|css)/g) || [])];
      await Promise.all(assets.map((asset) => cache.add(asset).catch(() => undefined)));
    })().then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('mc-shell-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function fromCacheThenNetwork(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

function shellFromCache(event) {
  const refreshed = (async () => {
    const response = await fetch(SHELL, { cache: 'no-cache' });
    if (response.ok) await (await caches.open(CACHE)).put(SHELL, response.clone());
    return response;
  })();
  event.waitUntil(refreshed.catch(() => undefined));
  return (async () => (await (await caches.open(CACHE)).match(SHELL)) || fetch(event.request))();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) event.respondWith(fromCacheThenNetwork(request));
  else if (request.mode === 'navigate' && !PASS_THROUGH.test(url.pathname)) event.respondWith(shellFromCache(event));
});
