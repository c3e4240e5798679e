import { ApiError } from '../../shared/api/request';
import type { MessageKey } from './i18n';

/**
 * What went wrong, as the shopper can act on it: no connection, the service is busy or down,
 * the session ran out, or something we did not expect. Never the technical text
 * ("Failed to fetch", "Internal Server Error"), which goes to the console instead. `otherwise`
 * names what failed when nothing more specific applies (a load, by default, or an action).
 */
export function errorMessageKey(error: unknown, otherwise: MessageKey = 'app.error.generic'): MessageKey {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'app.error.session';
    if (error.status === 404) return 'app.error.notFound';
    if (error.status === 429) return 'app.error.busy';
    if (error.status >= 500) return error.status === 502 || error.status === 503 ? 'app.error.busy' : 'app.error.server';
    return otherwise;
  }
  // fetch rejects with a TypeError when there is no connection (or it was cut mid-answer).
  if (error instanceof TypeError) return 'app.error.network';
  return otherwise;
}
