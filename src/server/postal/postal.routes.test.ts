import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { createTestApp } from '../testing/test-app';
import { testDatabaseTargets } from '../testing/test-databases';

describe.each(testDatabaseTargets())('postal code lookup on $name', ({ open }) => {
  let database: DatabaseHandle;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    database = await open();
    t = await createTestApp(database);
  });
  afterAll(() => database.close());

  const get = (code: string) => t.app.request(`/api/postal-codes/${encodeURIComponent(code)}`);

  it('answers the address of a code from the bundled table, however the shopper typed it', async () => {
    for (const typed of ['1500001', '150-0001', '〒１５０－０００１']) {
      const response = await get(typed);
      expect(response.status, typed).toBe(200);
      expect(await response.json()).toEqual({ postalCode: '1500001', areas: [{ prefecture: '東京都', city: '渋谷区', town: '神宮前' }] });
    }
  });

  it('answers every area of a code that covers several, and the whole city for a city-wide code', async () => {
    expect(await (await get('4980000')).json()).toEqual({
      postalCode: '4980000',
      areas: [
        { prefecture: '愛知県', city: '弥富市', town: '' },
        { prefecture: '三重県', city: '桑名郡木曽岬町', town: '' },
      ],
    });
    expect(await (await get('0600042')).json()).toMatchObject({ areas: [{ prefecture: '北海道', city: '札幌市中央区', town: '大通西' }] });
  });

  it('refuses a malformed code with 400 and answers an unknown one with 404', async () => {
    for (const bad of ['150-00', 'abcdefg', '15000011']) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', fields: { code: 'profile.error.postalCode' } } });
    }
    const unknown = await get('9999999');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'postal_code_unknown' } });
  });
});
