import type { z } from 'zod/mini';
import type { MessageKey } from '../../../lib/i18n';

/** The first message key per top-level field of a failed contract parse (or a BFF `error.fields`). */
export function fieldErrors(issues: ReadonlyArray<z.core.$ZodIssue>): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}
