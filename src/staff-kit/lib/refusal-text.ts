import type { MessageKey } from '../i18n';
import { ApiError } from '../../shared/api/request';

type Vars = Record<string, string | number>;

/**
 * Staff read refusals in their own language only: a known code maps to its i18n key (with the
 * figures the screen knows, e.g. the balance, when a `<code>_detail` wording takes them); any other
 * refusal gets the catalogue's general wording, never the BFF's English sentence in a Japanese screen.
 * Errors that are not the BFF's refusals (a network failure) keep their own message.
 */
export function refusalText(error: Error, t: (key: MessageKey, vars?: Vars) => string, vars?: Vars): string {
  if (!(error instanceof ApiError)) return error.message;
  const known = (key: string) => {
    const translated = t(key as MessageKey, vars);
    return translated === undefined || translated === key ? null : translated;
  };
  return (vars && known(`clerk.refusal.${error.code}_detail`)) || known(`clerk.refusal.${error.code}`) || t('clerk.refusal.unknown');
}
