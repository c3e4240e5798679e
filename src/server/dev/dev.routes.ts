import { Hono } from 'hono';
import { DevIdTokenRequestSchema, DevPurchaseRequestSchema, type DevIdTokenResponse } from '../../contract/dev-personas';
import type { DevKeySet } from '../auth/dev-key-set';
import type { Database } from '../db/database';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import { findMemberByLineUser } from '../members/members.repository';
import { HttpError, jsonBody } from '../http/http-error';
import type { Persona } from './dev-fixtures';

/** Present only with AUTH_MODE=dev: the local key set and the personas it signs for. */
export type DevTools = { keySet: DevKeySet; personas: Persona[] };

export type DevRoutesDeps = { db: Database; loyalty: Pick<LoyaltyService, 'recordPurchase'> };

/** Mounted only with AUTH_MODE=dev: what the mocked LIFF browser needs to act as a persona. */
export function devRoutes(dev: DevTools, deps: DevRoutesDeps) {
  return new Hono()
    .get('/jwks.json', (c) => c.json(dev.keySet.jwks))
    .get('/personas', (c) =>
      c.json({ personas: dev.personas.map(({ id, displayName, description }) => ({ id, displayName, description })) }),
    )
    .post('/id-token', jsonBody(DevIdTokenRequestSchema), async (c) => {
      const { personaId } = c.req.valid('json');
      const persona = dev.personas.find((p) => p.id === personaId);
      if (!persona) throw new HttpError(404, 'unknown_persona', `No persona "${personaId}"`);
      const idToken = await dev.keySet.signIdToken({ lineUserId: persona.lineUserId, name: persona.displayName });
      const { inLineClient = true, friend = true, apis = [], os = 'web' } = persona.liffClient ?? {};
      const body: DevIdTokenResponse = {
        idToken,
        profile: { userId: persona.lineUserId, displayName: persona.displayName },
        liffClient: { inLineClient, friend, apis, os },
      };
      return c.json(body);
    })
    // A register simulator for developers: the clerk console's purchase, without a staff login.
    .post('/purchases', jsonBody(DevPurchaseRequestSchema), async (c) => {
      const { personaId, amountYen, receiptId } = c.req.valid('json');
      const persona = dev.personas.find((p) => p.id === personaId);
      const member = persona && (await findMemberByLineUser(deps.db, persona.lineUserId));
      if (!member) throw new HttpError(404, 'unknown_member', `Persona "${personaId}" has no membership yet`);
      const outcome = await deps.loyalty.recordPurchase({ memberId: member.id, storeId: 'dev-register', receiptId, amountYen });
      if (!outcome.ok) {
        throw new HttpError(409, outcome.error, outcome.error === 'receipt_conflict' ? 'This receipt id was already used for another purchase' : `The purchase was refused: ${outcome.error}`);
      }
      return c.json(outcome, outcome.replayed ? 200 : 201);
    });
}
