import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

/** APNs token-based auth: the .p8 key (PEM), its key id, the team, and the host. */
export type ApnsSettings = { baseUrl: string; keyId: string; teamId: string; key: string };

/** What APNs answered for one device: its status and, on a refusal, its `reason`. */
export type ApnsAnswer = { status: number; reason: string | null; retryAfterMs: number | null };

export type ApnsClient = {
  /** Sends Wallet's update push (an empty `{}` payload, topic = pass type id) to one device. */
  pushPassUpdate(pushToken: string, passTypeId: string): Promise<ApnsAnswer>;
  close(): void;
};

/** Apple refuses provider tokens refreshed more often than every 20 minutes and older than an hour. */
const TOKEN_REUSE_MS = 40 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * APNs over HTTP/2 with an ES256 provider token (jose). One connection is kept open and reused,
 * as Apple asks; it is opened again after it closes or fails.
 */
export function createApnsClient(settings: ApnsSettings, clock: () => Date): ApnsClient {
  let session: ClientHttp2Session | undefined;
  let token: { value: string; madeAt: number } | undefined;
  let key: Promise<CryptoKey> | undefined;

  const providerToken = async () => {
    const now = clock().getTime();
    if (token && now - token.madeAt < TOKEN_REUSE_MS) return token.value;
    key ??= importPKCS8(settings.key, 'ES256');
    const value = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: settings.keyId })
      .setIssuer(settings.teamId)
      .setIssuedAt(Math.floor(now / 1000))
      .sign(await key);
    token = { value, madeAt: now };
    return value;
  };

  const openSession = () => {
    if (session && !session.closed && !session.destroyed) return session;
    const fresh = connect(settings.baseUrl);
    // A failed connection surfaces on the request; without a listener it would crash the process.
    fresh.on('error', () => undefined);
    fresh.on('close', () => {
      if (session === fresh) session = undefined;
    });
    fresh.unref();
    session = fresh;
    return fresh;
  };

  return {
    async pushPassUpdate(pushToken, passTypeId) {
      const bearer = await providerToken();
      const stream = openSession().request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: `/3/device/${encodeURIComponent(pushToken)}`,
        [constants.HTTP2_HEADER_AUTHORIZATION]: `bearer ${bearer}`,
        [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/json',
        'apns-topic': passTypeId,
      });
      return new Promise<ApnsAnswer>((resolve, reject) => {
        const timer = setTimeout(() => {
          stream.close(constants.NGHTTP2_CANCEL);
          reject(new Error(`APNs did not answer within ${REQUEST_TIMEOUT_MS} ms`));
        }, REQUEST_TIMEOUT_MS);
        let status = 0;
        let retryAfterMs: number | null = null;
        const chunks: Buffer[] = [];
        stream.on('response', (headers) => {
          status = Number(headers[constants.HTTP2_HEADER_STATUS]);
          const retryAfter = Number(headers['retry-after']);
          retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null;
        });
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        stream.on('end', () => {
          clearTimeout(timer);
          let reason: string | null = null;
          if (chunks.length > 0) {
            try {
              reason = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reason?: string }).reason ?? null;
            } catch {
              reason = 'unreadable answer';
            }
          }
          // A refused provider token is made afresh for the next push.
          if (status === 403) token = undefined;
          resolve({ status, reason, retryAfterMs });
        });
        stream.end('{}');
      });
    },
    close() {
      session?.close();
      session = undefined;
    },
  };
}
