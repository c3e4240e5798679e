/**
 * Links into the card that open it inside LINE, and the way back from LIFF's `liff.state`.
 * Pure functions: the browser code passes the LIFF id and the current location.
 */

/** Screens a link may open: anything else in `liff.state` is ignored rather than followed. */
const APP_PATH = /^\/(?:[\w-]+(?:\/[\w-]+)*)?$/;

export function isScreenPath(path: string): boolean {
  return APP_PATH.test(path);
}

/**
 * The permanent link of a screen: `https://miniapp.line.me/{liffId}/coupons/…` opens the MINI App
 * (and a LIFF app on a LINE Login channel, which `liff.line.me` also serves) at that path.
 */
export function permanentLinkFor(liffId: string, path: string, host: 'miniapp.line.me' | 'liff.line.me' = 'miniapp.line.me'): string {
  if (!APP_PATH.test(path)) throw new Error(`not a screen path: ${path}`);
  return `https://${host}/${encodeURIComponent(liffId)}${path === '/' ? '' : path}`;
}

/**
 * LIFF opens a permanent link at the endpoint URL with `?liff.state=/coupons/xyz`. Once `liff.init`
 * has resolved (changing the URL earlier makes it fail with INIT_FAILED), the app moves to that
 * screen: the path of `liff.state`, the other query parameters kept. Null when there is nothing to do
 * or the state is not one of our screens (never another origin).
 */
export function resolveLiffState(location: { pathname: string; search: string; hash: string }): string | null {
  const params = new URLSearchParams(location.search);
  const state = params.get('liff.state');
  if (state === null) return null;
  params.delete('liff.state');
  const target = new URL(state, 'https://app.invalid');
  if (target.origin !== 'https://app.invalid' || !state.startsWith('/') || !APP_PATH.test(target.pathname)) return null;
  for (const [key, value] of target.searchParams) params.set(key, value);
  const query = params.toString();
  return `${target.pathname}${query ? `?${query}` : ''}${target.hash || location.hash}`;
}

/** The Official Account's friend link (LINE's "add friend" URL) for a basic id such as @abc1234. */
export function addFriendLink(basicId: string): string {
  if (!/^@[\w.-]+$/.test(basicId)) throw new Error(`not a basic id: ${basicId}`);
  return `https://line.me/R/ti/p/${basicId}`;
}
