import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * A local stand-in for the Messaging API (https://api.line.me) that records what was sent:
 * push messages and per-user rich menu links. Development and tests point LINE_API_BASE_URL here.
 * `failNext` makes the next calls answer e.g. 429 or 500, as LINE does under load or in an outage.
 */
export type RecordedCall = {
  kind: 'push' | 'link_rich_menu' | 'unlink_rich_menu';
  to: string;
  body: unknown;
  retryKey: string | null;
  at: string;
};

export type MockLineApi = {
  server: Server;
  url: string;
  calls: RecordedCall[];
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
};

export async function startMockLineApi(options: { port?: number; host?: string; channelAccessToken: string }): Promise<MockLineApi> {
  const calls: RecordedCall[] = [];
  const acceptedRetryKeys = new Set<string>();
  let failures = { count: 0, status: 500, retryAfterSeconds: 0 };

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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `tsx mocks/line-api-server.ts [port] [token]`: scripts/dev.mjs starts it when LINE_API_BASE_URL points here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? 8817);
  const token = process.argv[3] ?? 'dev-channel-access-token';
  const api = await startMockLineApi({ port, channelAccessToken: token });
  console.log(`Mock LINE Messaging API on ${api.url} (sent messages: GET ${api.url}/__mock/calls)`);
}
