import { Hono } from 'hono';
import { UpdateMessagePreferencesRequestSchema, type MessagePreferences } from '../../contract/message-preferences';
import type { Database } from '../db/database';
import { jsonBody } from '../http/http-error';
import { setPurchaseReceipts } from './members.repository';
import type { ShopperEnv } from './shopper-env';

export type MessagePreferencesRoutesDeps = { db: Database };

/** GET / PUT /api/me/message-preferences: which LINE messages the member wants (マイページ). */
export function messagePreferencesRoutes(deps: MessagePreferencesRoutesDeps) {
  return new Hono<ShopperEnv>()
    .get('/', (c) => {
      const body: MessagePreferences = { purchaseReceipts: c.get('member').purchaseReceipts };
      return c.json(body);
    })
    .put('/', jsonBody(UpdateMessagePreferencesRequestSchema), async (c) => {
      const wanted = c.req.valid('json');
      const body: MessagePreferences = { purchaseReceipts: await setPurchaseReceipts(deps.db, c.get('member').id, wanted.purchaseReceipts) };
      return c.json(body);
    });
}
