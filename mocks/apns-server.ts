import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, constants, type Http2Server, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { decodeProtectedHeader, jwtVerify } from 'jose';

/**
 * A local stand-in for APNs (https://api.push.apple.com) over HTTP/2 cleartext (h2c): it checks
 * each request's provider token as APNs does (ES256, the key id, the team as issuer, issued within
 * the hour), records the pushes it accepts, and answers as APNs does (200 with apns-id; 403 with
 * a reason for a bad token; 410 Unregistered for tokens told to be gone). `answerNext` makes the
 * next pushes fail (429, 500, 410…), as APNs does under load or for uninstalled passes.
 */
export type RecordedPush = { deviceToken: string; topic: string | null; payload: string; pushType: string | null; at: string };

export type MockApns = {
  server: Http2Server;
  url: string;
  pushes: RecordedPush[];
  /** The next `count` pushes get this status and reason instead of 200. */
  answerNext(count: number, status: number, reason: string): void;
  /** Pushes to this token answer 410 Unregistered from now on (the pass was removed from the device). */
  unregister(deviceToken: string): void;
  close(): Promise<void>;
};

type Credentials = { teamId: string; keyId: string; publicKey: KeyObject };

/** `now`: the clock the provider token's age is judged by (a test's clock; the real one by default). */
export async function startMockApns(options: { port?: number; host?: string; credentials: () => Credentials; now?: () => Date }): Promise<MockApns> {
  const now = options.now ?? (() => new Date());
  const pushes: RecordedPush[] = [];
  const gone = new Set<string>();
  let failures = { count: 0, status: 500, reason: 'InternalServerError' };

  const server = createServer();
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream: ServerHttp2Stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      answer(stream, headers, Buffer.concat(chunks).toString('utf8')).catch(() => send(stream, 500, { reason: 'InternalServerError' }));
    });
  });
  // A client that goes away mid-stream is not the mock's failure.
  server.on('sessionError', () => undefined);

  const send = (stream: ServerHttp2Stream, status: number, body?: unknown) => {
    if (stream.destroyed) return;
    stream.respond({ [constants.HTTP2_HEADER_STATUS]: status, 'apns-id': crypto.randomUUID(), ...(body ? { 'content-type': 'application/json' } : {}) });
    stream.end(body ? JSON.stringify(body) : undefined);
  };

  async function answer(stream: ServerHttp2Stream, headers: Record<string, string | string[] | undefined>, payload: string) {
    const method = headers[constants.HTTP2_HEADER_METHOD];
    const path = String(headers[constants.HTTP2_HEADER_PATH] ?? '');
    if (method === 'GET' && path === '/__mock/pushes') return send(stream, 200, { pushes });
    const device = /^\/3\/device\/([0-9A-Fa-f]+)$/.exec(path);
    if (method !== 'POST' || !device) return send(stream, 404, { reason: 'BadPath' });
    const authorisation = String(headers.authorization ?? '');
    if (!authorisation.startsWith('bearer ')) return send(stream, 403, { reason: 'MissingProviderToken' });
    const reason = await tokenProblem(authorisation.slice('bearer '.length), options.credentials(), now());
    if (reason) return send(stream, 403, { reason });
    const topic = headers['apns-topic'] ? String(headers['apns-topic']) : null;
    if (!topic) return send(stream, 400, { reason: 'MissingTopic' });
    if (failures.count > 0) {
      failures.count -= 1;
      return send(stream, failures.status, { reason: failures.reason });
    }
    const deviceToken = device[1]!;
    if (gone.has(deviceToken)) return send(stream, 410, { reason: 'Unregistered', timestamp: Date.now() });
    pushes.push({ deviceToken, topic, payload, pushType: headers['apns-push-type'] ? String(headers['apns-push-type']) : null, at: new Date().toISOString() });
    return send(stream, 200);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    pushes,
    answerNext(count, status, reason) {
      failures = { count, status, reason };
    },
    unregister(deviceToken) {
      gone.add(deviceToken);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** What APNs would say of a provider token (its 403 reasons), or null when it is good. */
async function tokenProblem(token: string, credentials: Credentials, now: Date): Promise<string | null> {
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'ES256' || header.kid !== credentials.keyId) return 'InvalidProviderToken';
    const { payload } = await jwtVerify(token, credentials.publicKey, { issuer: credentials.teamId, algorithms: ['ES256'], currentDate: now });
    if (typeof payload.iat !== 'number' || now.getTime() / 1000 - payload.iat > 3600) return 'ExpiredProviderToken';
    return null;
  } catch {
    return 'InvalidProviderToken';
  }
}

/** Credentials from development's credentials.json (src/server/wallet/apple/dev-certificates.ts), read on each push: the BFF may make it after the mock starts. */
function fromDevelopmentFile(file: string): () => Credentials {
  return () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { teamId: string; apns: { keyId: string; key: string } };
    return { teamId: stored.teamId, keyId: stored.apns.keyId, publicKey: createPublicKey(stored.apns.key) };
  };
}

// `tsx mocks/apns-server.ts [port] [credentials.json]`: scripts/dev.mjs starts it in development.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? 8819);
  const file = process.argv[3] ?? '.data/apple-wallet-dev/credentials.json';
  const apns = await startMockApns({ port, credentials: fromDevelopmentFile(file) });
  console.log(`Mock APNs (HTTP/2 cleartext) on ${apns.url} (pushes: curl --http2-prior-knowledge ${apns.url}/__mock/pushes)`);
}
