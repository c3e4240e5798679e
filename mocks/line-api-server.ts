import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * A local stand-in for the Messaging API (https://api.line.me) that records what was sent:
 * push messages, multicasts and per-user rich menu links. Development and tests point
 * LINE_API_BASE_URL here. `failNext` makes the next calls answer e.g. 429 or 500, as LINE does
 * under load or in an outage. `setRateLimit` (or `POST /__mock/rate-limit {"perSecond": n}`) caps
 * message requests per second as LINE does (multicast: 200/s), answering 429 with Retry-After: 1
 * beyond it; `GET /__mock/stats` counts requests and 429s.
 */
export type RecordedCall = {
  kind: 'push' | 'multicast' | 'link_rich_menu' | 'unlink_rich_menu';
  /** The user; for a multicast its recipients joined by commas. */
  to: string;
  body: unknown;
  retryKey: string | null;
  at: string;
};

export type MockLineStats = { requests: number; rateLimited: number };

export type MockLineApi = {
  server: Server;
  url: string;
  calls: RecordedCall[];
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  /** Message requests (push, multicast) allowed per second; null: no limit. */
  setRateLimit(perSecond: number | null): void;
  stats: MockLineStats;
  close(): Promise<void>;
};

export async function startMockLineApi(options: { port?: number; host?: string; channelAccessToken: string; rateLimitPerSecond?: number | null }): Promise<MockLineApi> {
  const calls: RecordedCall[] = [];
  const acceptedRetryKeys = new Set<string>();
  let failures = { count: 0, status: 500, retryAfterSeconds: 0 };
  const stats: MockLineStats = { requests: 0, rateLimited: 0 };
  let rateLimit = options.rateLimitPerSecond ?? null;
  // A fixed one-second window, as LINE counts.
  let window = { second: 0, used: 0 };
  const overLimit = () => {
    if (rateLimit === null) return false;
    const second = Math.floor(Date.now() / 1000);
    if (window.second !== second) window = { second, used: 0 };
    window.used += 1;
    return window.used > rateLimit;
  };

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(request.url ?? '/', 'http://line').pathname;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };

    if (request.method === 'GET' && path === '/__mock/calls') return send(200, { calls });
    if (request.method === 'DELETE' && path === '/__mock/calls') {
      calls.length = 0;
      return send(200, {});
    }
    if (request.method === 'GET' && path === '/__mock/stats') return send(200, stats);
    if (request.method === 'POST' && path === '/__mock/rate-limit') {
      const perSecond = (JSON.parse(text || '{}') as { perSecond?: unknown }).perSecond;
      rateLimit = typeof perSecond === 'number' && perSecond > 0 ? perSecond : null;
      return send(200, { perSecond: rateLimit });
    }
    stats.requests += 1;
    if (path.startsWith('/v2/bot/message/') && overLimit()) {
      stats.rateLimited += 1;
      return send(429, { message: 'The API rate limit has been exceeded. Try again later.' }, { 'retry-after': '1' });
    }
    if (failures.count > 0) {
      failures.count -= 1;
      const headers: Record<string, string> = failures.retryAfterSeconds ? { 'retry-after': String(failures.retryAfterSeconds) } : {};
      return send(failures.status, { message: 'injected failure' }, headers);
    }
    if (request.headers.authorization !== `Bearer ${options.channelAccessToken}`) {
      return send(401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' });
    }
    const at = new Date().toISOString();
    const retryKey = (request.headers['x-line-retry-key'] as string | undefined) ?? null;

    if (request.method === 'POST' && path === '/v2/bot/message/push') {
      let body: { to?: unknown; messages?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return send(400, { message: 'The request body has 1 error(s)' });
      }
      if (typeof body.to !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0 || body.messages.length > 5) {
        return send(400, { message: 'The request body has 1 error(s)' });
      }
      if (retryKey && acceptedRetryKeys.has(retryKey)) return send(409, { message: 'The retry key is already accepted' });
      if (retryKey) acceptedRetryKeys.add(retryKey);
      calls.push({ kind: 'push', to: body.to, body, retryKey, at });
      return send(200, { sentMessages: body.messages.map((_, i) => ({ id: String(Date.now() + i) })) });
    }
    if (request.method === 'POST' && path === '/v2/bot/message/multicast') {
      let body: { to?: unknown; messages?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return send(400, { message: 'The request body has 1 error(s)' });
      }
      const to = body.to;
      if (!Array.isArray(to) || to.length === 0 || to.length > 500 || !to.every((id) => typeof id === 'string')) {
        return send(400, { message: 'The request body has 1 error(s)', details: [{ property: 'to', message: 'Size must be between 1 and 500' }] });
      }
      if (!Array.isArray(body.messages) || body.messages.length === 0 || body.messages.length > 5) {
        return send(400, { message: 'The request body has 1 error(s)' });
      }
      if (retryKey && acceptedRetryKeys.has(retryKey)) return send(409, { message: 'The retry key is already accepted' });
      if (retryKey) acceptedRetryKeys.add(retryKey);
      calls.push({ kind: 'multicast', to: (to as string[]).join(','), body, retryKey, at });
      return send(200, {});
    }
    const link = /^\/v2\/bot\/user\/([^/]+)\/richmenu\/([^/]+)$/.exec(path);
    if (request.method === 'POST' && link) {
      calls.push({ kind: 'link_rich_menu', to: link[1]!, body: { richMenuId: link[2] }, retryKey, at });
      return send(200, {});
    }
    const unlink = /^\/v2\/bot\/user\/([^/]+)\/richmenu$/.exec(path);
    if (request.method === 'DELETE' && unlink) {
      calls.push({ kind: 'unlink_rich_menu', to: unlink[1]!, body: null, retryKey, at });
      return send(200, {});
    }
    return send(404, { message: `Not found: ${request.method} ${path}` });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    calls,
    failNext: (count, status, retryAfterSeconds = 0) => {
      failures = { count, status, retryAfterSeconds };
    },
    setRateLimit: (perSecond) => {
      rateLimit = perSecond;
    },
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `tsx mocks/line-api-server.ts [port] [token] [requests per second]`: scripts/dev.mjs starts it when LINE_API_BASE_URL points here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? 8817);
  const token = process.argv[3] ?? 'dev-channel-access-token';
  const rateLimit = process.argv[4] === undefined ? null : Number(process.argv[4]);
  const api = await startMockLineApi({ port, channelAccessToken: token, rateLimitPerSecond: rateLimit });
  console.log(`Mock LINE Messaging API on ${api.url} (sent messages: GET ${api.url}/__mock/calls)`);
}
