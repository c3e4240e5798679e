import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: one text per meaning, whatever order the client sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What an Idempotency-Key was first sent with: the action, the store it acted for and the
 * validated body. A retry of the same request has the same fingerprint; the key sent with
 * another action, store or body does not.
 */
export function requestFingerprint(input: { action: string; storeId: string; body: unknown }): string {
  return createHash('sha256').update(`${input.action}\n${input.storeId}\n${canonicalJson(input.body)}`).digest('hex');
}
