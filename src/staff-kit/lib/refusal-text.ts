import type { MessageKey } from '../i18n';
import { ApiError } from '../../shared/api/request';

/**
 * Staff read refusals in their own language: known codes map to i18n keys, with the BFF's
 * detail (e.g. the balance) added; anything else shows the BFF's own message.
 */
export function refusalText(error: Error, t: (key: MessageKey) => string): string {
  if (!(error instanceof ApiError)) return error.message;
  const key = `clerk.refusal.${error.code}` as MessageKey;
  const translated = t(key);
  if (translated === undefined || translated === key) return error.message;
  return error.code === 'insufficient_points' ? `${translated} — ${error.message}` : translated;
}
