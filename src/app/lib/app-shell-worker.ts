/**
 * The service worker that keeps the app shell for repeat opens (public/sw.js). Production builds
 * only: in development Vite serves modules that change on every save. Registered after the page has
 * loaded, so it never competes with the card for the network or the main thread.
 */
export function registerAppShellWorker() {
  // Built files live under /assets/ (NODE_ENV may be 'test' in a build, so import.meta.env.PROD cannot say).
  const file = new URL(import.meta.url).pathname;
  if (!file.startsWith('/assets/') || !('serviceWorker' in navigator)) return;
  // This module's own hashed file names the build: a deploy registers a new worker, which drops the old files.
  const build = file.slice('/assets/'.length);
  const register = () => void navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(build)}`, { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') setTimeout(register, 0);
  else window.addEventListener('load', register, { once: true });
}

/** On withdrawal: the worker and every file it kept leave with the membership. */
export async function forgetAppShell() {
  if (!('serviceWorker' in navigator)) return;
  try {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    for (const name of await caches.keys()) if (name.startsWith('mc-shell-')) await caches.delete(name);
  } catch {
    // Storage refused (private mode): there is nothing kept to forget.
  }
}
