import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crmSeedMembers } from '../../../mocks/crm-members';
import { startMockCrm, type MockCrm } from '../../../mocks/crm-server';
import type { DatabaseHandle } from '../db/database';
import { createTestApp, newLineUserId } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';
import { CrmUnavailableError } from './crm-adapter';
import { createHttpCrm } from './http-crm';

const API_KEY = 'test-crm-key';
const paper = crmSeedMembers[0]!;
const noSleep = async () => undefined;

describe('HTTP CRM adapter against the mock CRM', () => {
  let crm: MockCrm;
  beforeAll(async () => {
    crm = await startMockCrm({ apiKey: API_KEY });
  });
  afterAll(async () => {
    await crm.close();
  });
  beforeEach(() => {
    crm.requests.length = 0;
    crm.failNext(0, 503);
  });
  const adapter = (overrides: Partial<{ apiKey: string; timeoutMs: number; retries: number }> = {}) =>
    createHttpCrm({ baseUrl: crm.url, apiKey: API_KEY, timeoutMs: 1000, retries: 2, ...overrides }, noSleep);

  it('verifies a member by birthday or phone and answers null for a wrong factor or an unknown number', async () => {
    expect(await adapter().verify(paper.memberNumber, { kind: 'birthday', birthday: paper.birthday! })).toEqual({
      id: paper.id,
      memberNumber: paper.memberNumber,
      familyName: '紙山',
      givenName: 'カード子',
      pointsBalance: paper.pointsBalance,
    });
    expect(await adapter().verify(paper.memberNumber, { kind: 'phone', phone: '090-1234-5678' })).toMatchObject({ id: paper.id });
    expect(await adapter().verify(paper.memberNumber, { kind: 'birthday', birthday: '1985-04-13' })).toBeNull();
    expect(await adapter().verify('1999999999', { kind: 'birthday', birthday: '1985-04-12' })).toBeNull();
    expect(crm.requests[0]).toMatchObject({ path: '/members/verify', body: { memberNumber: paper.memberNumber, birthday: paper.birthday } });
  });

  it('takes 姓 and 名 as a CRM answers them: familyName and givenName, or one name split at its first space', async () => {
    const answering = (member: Record<string, unknown>) => async () => new Response(JSON.stringify({ member }), { status: 200, headers: { 'content-type': 'application/json' } });
    const base = { id: 'crm-x', memberNumber: '1000000099', pointsBalance: 10 };
    const realFetch = globalThis.fetch;
    try {
      globalThis.fetch = answering({ ...base, familyName: '佐々木', givenName: '小次郎' });
      expect(await adapter().verify('1000000099', { kind: 'birthday', birthday: '1980-01-01' })).toMatchObject({ familyName: '佐々木', givenName: '小次郎' });
      globalThis.fetch = answering({ ...base, name: '佐々木　小次郎' });
      expect(await adapter().verify('1000000099', { kind: 'birthday', birthday: '1980-01-01' })).toMatchObject({ familyName: '佐々木', givenName: '小次郎' });
      globalThis.fetch = answering(base);
      await expect(adapter().verify('1000000099', { kind: 'birthday', birthday: '1980-01-01' })).rejects.toBeInstanceOf(CrmUnavailableError);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('retries a 503 and succeeds when the CRM recovers', async () => {
    crm.failNext(2, 503);
    expect(await adapter().verify(paper.memberNumber, { kind: 'birthday', birthday: paper.birthday! })).toMatchObject({ id: paper.id });
    expect(crm.requests).toHaveLength(3);
  });

  it('gives up after the configured retries with CrmUnavailableError', async () => {
    crm.failNext(10, 500);
    await expect(adapter({ retries: 1 }).verify(paper.memberNumber, { kind: 'birthday', birthday: paper.birthday! })).rejects.toBeInstanceOf(CrmUnavailableError);
    expect(crm.requests).toHaveLength(2);
  });

  it('times out a CRM that does not answer', async () => {
    crm.failNext(1, 'hang');
    const started = Date.now();
    await expect(adapter({ timeoutMs: 200, retries: 0 }).verify(paper.memberNumber, { kind: 'birthday', birthday: paper.birthday! })).rejects.toBeInstanceOf(CrmUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('treats a refused API key as an outage, not as "no such member"', async () => {
    await expect(adapter({ apiKey: 'wrong' }).verify(paper.memberNumber, { kind: 'birthday', birthday: paper.birthday! })).rejects.toBeInstanceOf(CrmUnavailableError);
  });
});

describe.each(testDatabaseTargets())('linking through the HTTP CRM on $name', ({ open }) => {
  let database: DatabaseHandle;
  let crm: MockCrm;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await open();
    crm = await startMockCrm({ apiKey: API_KEY });
    t = await createTestApp(database, { crm: createHttpCrm({ baseUrl: crm.url, apiKey: API_KEY, timeoutMs: 1000, retries: 0 }, noSleep) });
  });
  afterAll(async () => {
    await crm.close();
    await database.close();
  });
  const link = (cookie: string) =>
    t.app.request('/api/me/link', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-forwarded-for': '192.0.2.1' },
      body: JSON.stringify({ memberNumber: paper.memberNumber, factor: { kind: 'birthday', birthday: paper.birthday } }),
    });

  it('answers 503 with a clear message while the CRM is down, and links once it is back, settling the CRM balance', async () => {
    const { cookie } = await t.signIn(newLineUserId());
    crm.failNext(1, 503);
    const down = await link(cookie);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 'crm_unavailable' } });
    const up = await link(cookie);
    expect(await up.json()).toMatchObject({ outcome: 'linked', transferredPoints: 1500, incentivePoints: 300 });
    expect(crm.members.get(paper.memberNumber)!.pointsBalance).toBe(0);
    expect(crm.requests.map((r) => r.path)).toContain(`/members/${paper.id}/points-transfer`);
  });
});
