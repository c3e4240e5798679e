import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { decodeJwt, decodeProtectedHeader, jwtVerify, type CryptoKey, type KeyObject } from 'jose';

/**
 * A local stand-in for the Google Wallet REST API (walletobjects/v1) and Google's OAuth token
 * endpoint. It issues access tokens for JWT-bearer assertions (RS256, the wallet scope, its own
 * token URL as audience; the signature too when given the service account's public key), refuses
 * API calls without one of its tokens, and keeps loyalty classes and objects as Google would:
 * insert (409 when the id exists), get, PATCH (404 when unknown; top-level fields replaced).
 * Every API call is recorded. `failNext` makes the next calls answer e.g. 429 or 503.
 */
export type WalletApiCall = { method: string; path: string; body: unknown; at: string };

export type MockGoogleWalletApi = {
  server: Server;
  url: string;
  tokenUrl: string;
  calls: WalletApiCall[];
  classes: Map<string, Record<string, unknown>>;
  objects: Map<string, Record<string, unknown>>;
  failNext(count: number, status: number): void;
  close(): Promise<void>;
};

const SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';
/** A 1×1 PNG for the development programme logo. */
const LOGO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');

export async function startMockGoogleWalletApi(
  options: { port?: number; host?: string; serviceAccountEmail?: string; publicKey?: CryptoKey | KeyObject } = {},
): Promise<MockGoogleWalletApi> {
  const host = options.host ?? '127.0.0.1';
  const calls: WalletApiCall[] = [];
  const classes = new Map<string, Record<string, unknown>>();
  const objects = new Map<string, Record<string, unknown>>();
  const tokens = new Set<string>();
  let failures = { count: 0, status: 500 };
  let baseUrl = '';

  async function issueToken(form: URLSearchParams): Promise<{ status: number; body: unknown }> {
    const assertion = form.get('assertion');
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !assertion) {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    try {
      if (decodeProtectedHeader(assertion).alg !== 'RS256') return { status: 400, body: { error: 'invalid_grant', error_description: 'RS256 expected' } };
      const claims = options.publicKey ? (await jwtVerify(assertion, options.publicKey, { audience: `${baseUrl}/token` })).payload : decodeJwt(assertion);
      const now = Date.now() / 1000;
      if (claims.aud !== `${baseUrl}/token`) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid audience' } };
      if (options.serviceAccountEmail && claims.iss !== options.serviceAccountEmail) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid issuer' } };
      if (typeof claims.exp !== 'number' || claims.exp < now || typeof claims.iat !== 'number' || claims.iat > now + 300) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token' } };
      }
      if (typeof claims.scope !== 'string' || !claims.scope.split(' ').includes(SCOPE)) return { status: 400, body: { error: 'invalid_scope' } };
    } catch (error) {
      return { status: 400, body: { error: 'invalid_grant', error_description: String(error) } };
    }
    const token = `mock-wallet-token-${randomUUID()}`;
    tokens.add(token);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3599 } };
  }

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://wallet').pathname;
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    const method = request.method ?? 'GET';

    if (method === 'GET' && path === '/__mock/calls') return send(200, { calls });
    if (method === 'GET' && path === '/__mock/objects') return send(200, { classes: Object.fromEntries(classes), objects: Object.fromEntries(objects) });
    if (method === 'GET' && path === '/__mock/logo.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      return response.end(LOGO_PNG);
    }
    if (method === 'DELETE' && path === '/__mock/calls') {
      calls.length = 0;
      return send(200, {});
    }
    if (failures.count > 0) {
      failures.count -= 1;
      return send(failures.status, { error: { code: failures.status, message: 'injected failure' } });
    }
    if (method === 'POST' && path === '/token') {
      const answer = await issueToken(new URLSearchParams(text));
      return send(answer.status, answer.body);
    }

    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return send(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    let body: Record<string, unknown> | null = null;
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return send(400, { error: { code: 400, message: 'Invalid JSON payload received.' } });
      }
    }
    calls.push({ method, path, body, at: new Date().toISOString() });

    const match = /^\/walletobjects\/v1\/(loyaltyClass|loyaltyObject)(?:\/([^/]+))?$/.exec(path);
    if (!match) return send(404, { error: { code: 404, message: `Not found: ${method} ${path}` } });
    const store = match[1] === 'loyaltyClass' ? classes : objects;
    const id = match[2] ? decodeURIComponent(match[2]) : undefined;

    if (method === 'POST' && !id) {
      if (!body || typeof body.id !== 'string') return send(400, { error: { code: 400, message: 'Resource id is required' } });
      if (store.has(body.id)) return send(409, { error: { code: 409, message: `Resource already exists: ${body.id}` } });
      if (store === objects && (typeof body.classId !== 'string' || !classes.has(body.classId))) {
        return send(400, { error: { code: 400, message: `Class ${String(body.classId)} not found` } });
      }
      store.set(body.id, body);
      return send(200, body);
    }
    if (!id) return send(404, { error: { code: 404, message: 'Not found' } });
    const existing = store.get(id);
    if (!existing) return send(404, { error: { code: 404, message: `Resource not found: ${id}` } });
    if (method === 'GET') return send(200, existing);
    if (method === 'PATCH' || method === 'PUT') {
      const updated = method === 'PUT' ? { ...body, id } : { ...existing, ...body, id };
      store.set(id, updated);
      return send(200, updated);
    }
    return send(405, { error: { code: 405, message: 'Method not allowed' } });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  baseUrl = `http://${host}:${port}`;
  return {
    server,
    url: baseUrl,
    tokenUrl: `${baseUrl}/token`,
    calls,
    classes,
    objects,
    failNext: (count, status) => {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `tsx mocks/google-wallet-api-server.ts [port]`: scripts/dev.mjs starts it when GOOGLE_WALLET_API_BASE_URL points here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const api = await startMockGoogleWalletApi({ port: Number(process.argv[2] ?? 8818) });
  console.log(`Mock Google Wallet API on ${api.url} (calls: GET ${api.url}/__mock/calls, state: GET ${api.url}/__mock/objects)`);
}
