import type { createTestApp } from './test-app';
import { DEMO_STAFF } from '../staff/seed-staff';

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];
export const json = { 'content-type': 'application/json' };

/** Logs a demo staff member in and returns the cookie header their requests send. */
export async function staffSignIn(app: TestApp, username: string, password = DEMO_STAFF.password): Promise<string> {
  const response = await app.request('/api/staff/session', { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`staff login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('staff login set no cookie');
  return cookie;
}

/** A staff API call with the staff cookie, JSON body and an idempotency key. */
export function staffPost(app: TestApp, cookie: string, path: string, body: unknown, idempotencyKey?: string) {
  return app.request(`/api/staff${path}`, {
    method: 'POST',
    headers: { ...json, cookie, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
}
