import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

/**
 * The one Messaging API client (on @line/bot-sdk). The base URL is configurable so development and
 * tests talk to the local mock (mocks/line-api-server.ts). Callers never call it from a shopper's
 * or clerk's request: they enqueue in the outbox and the job runner calls this.
 */
export type LineMessage = { type: 'text'; text: string } | { type: 'flex'; altText: string; contents: Record<string, unknown> };

/** LINE's limit of user ids per multicast request. */
export const MULTICAST_MAX_RECIPIENTS = 500;

export type LineClient = {
  push(lineUserId: string, messages: LineMessage[], retryKey: string): Promise<void>;
  /** One message to up to 500 users (POST /v2/bot/message/multicast); the retry key makes a retry safe. */
  multicast(lineUserIds: string[], messages: LineMessage[], retryKey: string): Promise<void>;
  /** Links the user's rich menu, or unlinks it (default menu) with null. */
  setRichMenu(lineUserId: string, richMenuId: string | null): Promise<void>;
};

export type LineClientConfig = { apiBaseUrl: string; channelAccessToken: string; timeoutMs?: number };

/** A failed call: `retryable` for outages and 429; `retryAfterMs` from LINE's Retry-After when given. */
export class LineSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'LineSendError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineSendError(`LINE API did not answer within ${ms} ms`, true, null)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toSendError(error: unknown): LineSendError {
  if (error instanceof LineSendError) return error;
  if (error instanceof HTTPFetchError) {
    const retryAfterSeconds = Number(error.headers.get('retry-after'));
    // 409 on a push with a retry key: LINE already accepted this very request.
    const retryable = error.status === 429 || error.status >= 500;
    return new LineSendError(
      `LINE API ${error.status}: ${error.body.slice(0, 200)}`,
      retryable,
      error.status,
      Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : null,
    );
  }
  return new LineSendError(`LINE API unreachable: ${error instanceof Error ? error.message : String(error)}`, true, null);
}

export function createLineClient(config: LineClientConfig): LineClient {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: config.channelAccessToken, baseURL: config.apiBaseUrl });
  const timeoutMs = config.timeoutMs ?? 10_000;
  const run = async (call: () => Promise<unknown>) => {
    try {
      await withTimeout(call(), timeoutMs);
    } catch (error) {
      const sendError = toSendError(error);
      if (sendError.status === 409) return;
      throw sendError;
    }
  };
  return {
    // The SDK's Message type spells out every Flex component; ours are built by segments/send-messages.ts.
    push: (lineUserId, messages, retryKey) => run(() => client.pushMessage({ to: lineUserId, messages: messages as messagingApi.Message[] }, retryKey)),
    multicast: (lineUserIds, messages, retryKey) => {
      if (lineUserIds.length === 0 || lineUserIds.length > MULTICAST_MAX_RECIPIENTS) {
        return Promise.reject(new LineSendError(`A multicast names 1–${MULTICAST_MAX_RECIPIENTS} users (got ${lineUserIds.length})`, false, null));
      }
      return run(() => client.multicast({ to: lineUserIds, messages: messages as messagingApi.Message[] }, retryKey));
    },
    setRichMenu: (lineUserId, richMenuId) =>
      run(() => (richMenuId ? client.linkRichMenuIdToUser(lineUserId, richMenuId) : client.unlinkRichMenuIdFromUser(lineUserId))),
  };
}
