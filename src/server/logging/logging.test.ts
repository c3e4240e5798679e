import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { captureLogs } from '../testing/captured-logs';
import { createTestApp, newLineUserId, TEST_LINE_CHANNEL_SECRET } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { errorFields } from './logger';

/**
 * What a failure writes to the log: the request id and the database's error code and constraint,
 * never what the shopper submitted. Triggers make the database itself fail, with the submitted
 * values in the error's message and detail, as a real constraint violation would show them.
 */

const submitted = {
  familyName: '漏洩',
  givenName: '検査子',
  familyKana: 'ロウエイ',
  givenKana: 'ケンサコ',
  birthday: '1985-07-15',
  phone: '090-9876-5432',
  email: 'leak-check@example.jp',
  postalCode: '9876543',
  prefecture: '東京都',
  city: '渋谷区',
  street: '1-1-1',
  building: '',
  marketingConsent: true,
  termsAccepted: true,
};
const personalValues = [submitted.familyName, submitted.givenName, submitted.familyKana, submitted.givenKana, submitted.street, submitted.phone, '09098765432', submitted.email, submitted.postalCode, submitted.birthday];

const FAIL_PROFILE_SAVES = `
  CREATE FUNCTION refuse_profile() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'profile of % % % (%, %) at %', NEW.family_name, NEW.given_name, NEW.family_kana, NEW.phone, NEW.email, NEW.street
      USING ERRCODE = '23514', CONSTRAINT = 'member_profiles_injected_check', TABLE = 'member_profiles', DETAIL = 'postcode ' || NEW.postal_code;
  END $$;
---
  CREATE TRIGGER refuse_profile BEFORE INSERT OR UPDATE ON member_profiles FOR EACH ROW EXECUTE FUNCTION refuse_profile();`;

const FAIL_FRIEND_EVENTS = `
  CREATE FUNCTION refuse_friend_event() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'event of % refused', NEW.line_user_id USING ERRCODE = '23514', CONSTRAINT = 'line_friend_events_injected_check';
  END $$;
---
  CREATE TRIGGER refuse_friend_event BEFORE INSERT ON line_friend_events FOR EACH ROW EXECUTE FUNCTION refuse_friend_event();`;

type LogLine = { msg?: string; requestId?: string; err?: Record<string, unknown> & { causes?: Array<Record<string, unknown>> } };
const errorChain = (line: LogLine) => [line.err ?? {}, ...(line.err?.causes ?? [])];

describe.each(testDatabaseTargets())('logs of a failing request on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const logs = captureLogs();

  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database, { logger: logs.logger });
    for (const statement of `${FAIL_PROFILE_SAVES}\n---\n${FAIL_FRIEND_EVENTS}`.split('\n---\n')) await database.db.execute(sql.raw(statement));
  });
  afterAll(() => database.close());

  it('a profile save the database refuses logs the request id and the error code and constraint, none of the submitted values', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    const response = await t.app.request('/api/me/profile', { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(submitted) });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(JSON.stringify(await response.json())).not.toContain(submitted.email);

    const line = (logs.lines() as LogLine[]).find((l) => l.msg === 'unhandled error' && l.requestId === requestId);
    expect(line, logs.text()).toBeDefined();
    expect(errorChain(line!)).toContainEqual(expect.objectContaining({ code: '23514', constraint: 'member_profiles_injected_check' }));
    for (const value of personalValues) expect(logs.text(), value).not.toContain(value);
    expect(logs.text()).not.toMatch(/insert into|"params"|"query"/i);
  });

  it('a signed webhook event the database refuses logs the request id and the error code, never the LINE user id', async () => {
    const userId = newLineUserId();
    const body = JSON.stringify({
      destination: 'U0',
      events: [{ type: 'follow', mode: 'active', timestamp: 1_700_000_000_000, webhookEventId: `01H${userId}`, source: { type: 'user', userId } }],
    });
    const signature = createHmac('sha256', TEST_LINE_CHANNEL_SECRET).update(body).digest('base64');
    const response = await t.app.request('/api/line/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
    // A database failure is worth LINE's redelivery, unlike a malformed event.
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    const line = (logs.lines() as LogLine[]).find((l) => l.msg === 'unhandled error' && l.requestId === requestId);
    expect(line, logs.text()).toBeDefined();
    expect(errorChain(line!)).toContainEqual(expect.objectContaining({ code: '23514', constraint: 'line_friend_events_injected_check' }));
    expect(logs.text()).not.toContain(userId);
  });

  it('echoes a caller’s plain X-Request-Id and replaces one with control characters or of excessive length', async () => {
    const echo = async (id: string) => (await t.app.request('/api/health', { headers: { 'x-request-id': id } })).headers.get('x-request-id');
    expect(await echo('lb-7f3a9c1e')).toBe('lb-7f3a9c1e');
    for (const hostile of ['a\tb', 'x'.repeat(65), '"}{"admin":true', 'a b']) expect(await echo(hostile)).not.toBe(hostile);
  });
});

describe('errorFields', () => {
  it('keeps the class, codes and stack frames along the cause chain, and drops message, query and parameters', () => {
    const driverError = Object.assign(new Error('duplicate key value (email)=(a@b.jp)'), { code: '23505', constraint: 'member_profiles_email_key', table: 'member_profiles', detail: 'Key (email)=(a@b.jp)' });
    const wrapped = Object.assign(new Error('Failed query: insert into … params: 山田,a@b.jp', { cause: driverError }), { query: 'insert into …', params: ['山田', 'a@b.jp'] });
    const fields = errorFields(wrapped);
    expect(fields).toMatchObject({ type: 'Error', causes: [{ type: 'Error', code: '23505', constraint: 'member_profiles_email_key', table: 'member_profiles' }] });
    expect(JSON.stringify(fields)).not.toMatch(/a@b\.jp|山田|insert|Key \(/);
    expect((fields.frames as string[])[0]).toMatch(/^at /);
  });
});
