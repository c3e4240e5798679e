import type { z } from 'zod/mini';
import { readResponse, sendRequest, type RequestOptions } from '../../shared/api/request';

let reauthenticate: (() => Promise<void>) | undefined;
let reauthentication: Promise<void> | undefined;

/** Installed once at start-up: how to obtain a fresh BFF session when a call answers 401. */
export function setReauthenticate(fn: () => Promise<void>) {
  reauthenticate = fn;
}

function reauthenticateOnce(): Promise<void> {
  // Several queries may hit 401 together; they share one re-login.
  reauthentication ??= reauthenticate!().finally(() => {
    reauthentication = undefined;
  });
  return reauthentication;
}

/** The shopper's way to the BFF: the shared request, plus one re-login and retry when the session has expired (LIFF tokens do). */
export async function apiRequest<T extends z.ZodMiniType>(
  path: string,
  responseSchema: T,
  init: Omit<RequestOptions, 'headers'> & { retryOnUnauthorized?: boolean } = {},
): Promise<z.output<T>> {
  const request = { method: init.method, body: init.body };
  let response = await sendRequest(path, request);
  if (response.status === 401 && reauthenticate && init.retryOnUnauthorized !== false) {
    await reauthenticateOnce();
    response = await sendRequest(path, request);
  }
  return readResponse(response, responseSchema);
}
