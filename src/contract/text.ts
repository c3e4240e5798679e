import { z } from 'zod/mini';

/**
 * Every string of the contract is `text()`, never a bare `z.string()`: no field needs control
 * characters (C0 with tab and newline, DEL, C1) or lone UTF-16 surrogates, and PostgreSQL refuses
 * a NUL outright (22021), so they are refused at the boundary with a field error instead of
 * failing in the database. Paired surrogates (emoji) are one code point under the `u` flag and pass.
 */
const FORBIDDEN = /[\p{Cc}\p{Cs}]/u;

export function hasControlCharacters(value: string): boolean {
  return FORBIDDEN.test(value);
}

/** For strings that arrive outside the contract (a LINE display name in a signed ID token): drop what text() refuses. */
export function withoutControlCharacters(value: string): string {
  return value.replace(new RegExp(FORBIDDEN.source, 'gu'), '');
}

/** The default field error; a part with its own message catalogue passes its i18n key instead. */
export const CONTROL_CHARACTERS_MESSAGE = 'Must not contain control characters';

/** Marks the check, so the contract's own test can see that every string field carries it. */
export const CONTROL_CHARACTER_CHECK = Symbol.for('member-card.contract.no-control-characters');

/** A contract string: `z.string()` that refuses control characters; chain further checks after it. */
export function text(message: string = CONTROL_CHARACTERS_MESSAGE) {
  const check = z.refine<string>((value) => !hasControlCharacters(value), message);
  return z.string().check(Object.assign(check, { [CONTROL_CHARACTER_CHECK]: true }));
}
