import type { Context, MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Content Security Policy for the three SPAs (shopper LIFF app, clerk console, dashboard), all
 * built by Vite into same-origin files with no inline script or style. LINE's hosts are the ones
 * the bundled LIFF SDK itself talks to: api.line.me / access.line.me (login, profile, token
 * checks), liffsdk.line-scdn.net (its translations), uts-front.line-apps.com (its usage
 * statistics), static.line-scdn.net (the in-client extension scripts it loads), liff-subwindow
 * (its sub-window frame); profile pictures come from profile.line-scdn.net.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  // 'wasm-unsafe-eval': the clerk's camera scanner compiles the zxing wasm served from our origin; it allows no JS eval.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'", 'https://static.line-scdn.net'],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https://profile.line-scdn.net'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", 'https://api.line.me', 'https://access.line.me', 'https://liffsdk.line-scdn.net', 'https://uts-front.line-apps.com'],
  frameSrc: ['https://liff-subwindow.line.me'],
  // Nothing embeds the card or the consoles: no clickjacking of the register's buttons.
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * CSP source expressions for the inline scripts of built HTML shells (the shopper's boot paint):
 * each allowed by its own hash, so the policy still admits no other inline script.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(match[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(match[2]!, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Security headers on every response; HSTS only in production (it would pin plain-HTTP development hosts to HTTPS). */
export function securityHeaders(options: { production: boolean; inlineScriptHashes?: string[] }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { ...CONTENT_SECURITY_POLICY, scriptSrc: [...CONTENT_SECURITY_POLICY.scriptSrc, ...(options.inlineScriptHashes ?? [])] },
    // The LIFF SDK's share target picker opens a LINE window that talks back to its opener.
    crossOriginOpenerPolicy: 'same-origin-allow-popups',
    // Same-origin requests keep the full URL; LINE and anyone else see the origin only (never ?code= or liff.state).
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: options.production ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    // The camera is for the clerk's scanner, on our own origin only.
    permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [], payment: [] },
  });
}

/** API answers carry sessions' personal data and balances: no browser or proxy cache may keep them. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  // On the answer's own headers, as secureHeaders sets its own: c.header() on a finished answer copies
  // it into a new web Response (a twentieth of the BFF's CPU on card reads, a CPU profile).
  setOnAnswer(c, 'Cache-Control', 'no-store');
};

/** Sets a header on the finished answer in place; an answer whose headers are immutable (a fetched one) is copied by c.header(). */
function setOnAnswer(c: Context, name: string, value: string) {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
