import type { Database } from '../../db/database';
import { LineSendError } from '../../line/line-client';
import type { OutboxDelivery } from '../../line/outbox-worker';
import type { ApnsClient } from './apns-client';
import { dropRegistration, registrationsOf } from './apple-wallet.repository';

/** APNs reasons that mean the token will never work again: the registration is dropped, not retried. */
const DEAD_TOKEN_REASONS = new Set(['BadDeviceToken', 'DeviceTokenNotForTopic', 'Unregistered']);

/**
 * The outbox's delivery of `apns_pass_update`: an empty push to every device registered for the
 * pass. 410 (or a dead token) drops that device's registration; 429, 5xx and lost connections
 * (and an expired provider token) fail the row so the outbox retries it (devices already pushed get a harmless second push);
 * other refusals (a bad provider token, a wrong topic) fail it for good, with APNs' reason.
 */
export function apnsPassUpdateDelivery(deps: { db: Database; apns: ApnsClient; passTypeId: string }): OutboxDelivery {
  return async (row) => {
    const serialNumber = (row.payload as { serialNumber?: unknown }).serialNumber;
    if (typeof serialNumber !== 'string') return 'skipped';
    const devices = await registrationsOf(deps.db, serialNumber);
    if (devices.length === 0) return 'skipped';
    let retry: LineSendError | null = null;
    let refusal: LineSendError | null = null;
    for (const device of devices) {
      let answer;
      try {
        answer = await deps.apns.pushPassUpdate(device.pushToken, deps.passTypeId);
      } catch (error) {
        retry = new LineSendError(`APNs unreachable: ${error instanceof Error ? error.message : String(error)}`, true, null);
        continue;
      }
      if (answer.status === 200) continue;
      if (answer.status === 410 || (answer.status === 400 && DEAD_TOKEN_REASONS.has(answer.reason ?? ''))) {
        await dropRegistration(deps.db, device);
        continue;
      }
      const message = `APNs answered ${answer.status}${answer.reason ? ` ${answer.reason}` : ''}`;
      // An expired provider token is made afresh by the client: worth another try.
      if (answer.status === 429 || answer.status >= 500 || answer.reason === 'ExpiredProviderToken') retry = new LineSendError(message, true, answer.status, answer.retryAfterMs);
      else refusal = new LineSendError(message, false, answer.status);
    }
    if (retry) throw retry;
    if (refusal) throw refusal;
    return 'sent';
  };
}
