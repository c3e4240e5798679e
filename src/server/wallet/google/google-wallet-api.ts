import { SignJWT } from 'jose';
import { LineSendError } from '../../line/line-client';

/**
 * The Google Wallet REST API (walletobjects/v1) as a service account calls it: an OAuth access
 * token from the JWT bearer grant (RS256 assertion signed with the service account's key), cached
 * until shortly before it expires. Failures throw the outbox's send error: 429 and 5xx (and no
 * answer) are retried with backoff, other refusals are final.
 */

export const WALLET_SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';
const TIMEOUT_MS = 10_000;
/** A token is renewed this long before Google says it expires. */
const TOKEN_MARGIN_MS = 60_000;

export type ServiceAccount = { email: string; privateKey: CryptoKey };

export type GoogleWalletApi = {
  /** The answer's status and JSON body; throws only when no usable answer came (network, 429, 5xx, 401/403). */
  call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
};

export class GoogleWalletApiError extends LineSendError {}

export function createGoogleWalletApi(options: { apiBaseUrl: string; tokenUrl: string; account: ServiceAccount; clock: () => Date }): GoogleWalletApi {
  let cached: { token: string; renewAt: number } | null = null;

  async function accessToken(): Promise<string> {
    const now = options.clock().getTime();
    if (cached && now < cached.renewAt) return cached.token;
    const assertion = await new SignJWT({ scope: WALLET_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(options.account.email)
      .setAudience(options.tokenUrl)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 3600)
      .sign(options.account.privateKey);
    const response = await send(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    });
    if (!response.ok) throw failure('OAuth token', response.status, response.headers.get('retry-after'), await response.text());
    const answer = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof answer.access_token !== 'string') throw new GoogleWalletApiError('OAuth token answer without access_token', false, response.status);
    const lifetimeMs = (typeof answer.expires_in === 'number' ? answer.expires_in : 3600) * 1000;
    cached = { token: answer.access_token, renewAt: now + Math.max(lifetimeMs - TOKEN_MARGIN_MS, 0) };
    return cached.token;
  }

  return {
    async call(method, path, body) {
      const token = await accessToken();
      const response = await send(new URL(path, options.apiBaseUrl).href, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      // A refused token is dropped so the next attempt asks for a new one.
      if (response.status === 401) cached = null;
      if (response.status === 401 || response.status === 403 || response.status === 429 || response.status >= 500) {
        throw failure(`${method} ${path}`, response.status, response.headers.get('retry-after'), text);
      }
      return { status: response.status, body: text ? safeJson(text) : null };
    },
  };
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new GoogleWalletApiError(`Google Wallet API unreachable: ${error instanceof Error ? error.message : String(error)}`, true, null);
  }
}

function failure(what: string, status: number, retryAfter: string | null, text: string): GoogleWalletApiError {
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  // 401 once is retried: the token is renewed; a lasting refusal ends after the outbox's attempts.
  const retryable = status === 429 || status >= 500 || status === 401;
  return new GoogleWalletApiError(`${what} answered ${status}: ${text.slice(0, 200)}`, retryable, status, Number.isFinite(seconds) ? seconds * 1000 : null);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
