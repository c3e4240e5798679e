import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Database } from '../../db/database';
import { LineSendError } from '../../line/line-client';
import type { OutboxDelivery } from '../../line/outbox-worker';
import type { CardChangedHook } from '../../loyalty/loyalty-deps';
import type { LoyaltyService } from '../../loyalty/loyalty.service';
import type { ProgramConfig } from '../../loyalty/program-config';
import { buildLoyaltyClass, buildLoyaltyObject, loyaltyObjectFigures, type PassFigures } from './google-pass';
import type { GoogleWallet } from './google-wallet-setup';
import * as repo from './google-wallet.repository';

export type GoogleWalletDeps = {
  db: Database;
  program: ProgramConfig;
  clock: () => Date;
  loyalty: Pick<LoyaltyService, 'memberCard'>;
  googleWallet: GoogleWallet;
};

export type SaveUrlOutcome = { ok: true; url: string } | { ok: false; error: 'member_not_found' | 'pass_voided' };

const SAVE_URL_BASE = 'https://pay.google.com/gp/v/save/';

function figuresOf(card: NonNullable<Awaited<ReturnType<LoyaltyService['memberCard']>>>): PassFigures {
  return {
    memberNumber: card.memberNumber,
    pointsBalance: card.ledger.pointsBalance,
    tier: { id: card.ledger.tier.current.id, name: card.ledger.tier.current.name },
    soonestExpiry: card.ledger.soonestExpiry,
  };
}

/**
 * The "Save to Google Wallet" link: a JWT signed with the service account's key carrying the
 * programme's class and the member's object as they are now (Google creates them on save when
 * they do not exist yet). The member's object row is made here: from now on card changes queue
 * PATCHes for it.
 */
export async function googleWalletSaveUrl(deps: GoogleWalletDeps, input: { memberId: string; origin: string }): Promise<SaveUrlOutcome> {
  const { googleWallet: wallet } = deps;
  const card = await deps.loyalty.memberCard(input.memberId);
  if (!card) return { ok: false, error: 'member_not_found' };
  const figures = figuresOf(card);
  const row = await repo.findOrCreateWalletObject(deps.db, {
    memberId: input.memberId,
    objectId: `${wallet.issuerId}.m-${randomUUID()}`,
    tierId: figures.tier.id,
    now: deps.clock(),
  });
  if (row.state === 'INACTIVE') return { ok: false, error: 'pass_voided' };
  const jwt = await new SignJWT({
    typ: 'savetowallet',
    origins: [input.origin],
    payload: {
      loyaltyClasses: [buildLoyaltyClass({ classId: wallet.classId, program: deps.program, logoUri: wallet.logoUri })],
      loyaltyObjects: [buildLoyaltyObject({ objectId: row.objectId, classId: wallet.classId, figures })],
    },
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(wallet.account.email)
    .setAudience('google')
    .setIssuedAt(Math.floor(deps.clock().getTime() / 1000))
    .sign(wallet.account.privateKey);
  return { ok: true, url: SAVE_URL_BASE + jwt };
}

/**
 * loyalty's onCardChanged: inside the transaction that changed the card, queue a PATCH, but only
 * for a member who has a Google Wallet object (one indexed lookup for everyone else).
 */
export async function enqueueGoogleWalletUpdate(tx: Database, change: Parameters<CardChangedHook>[1]): Promise<void> {
  if (!(await repo.hasActiveWalletObject(tx, change.memberId))) return;
  if (await repo.hasUnclaimedUpdate(tx, change.memberId)) return;
  await repo.enqueueWalletPatch(tx, { memberId: change.memberId, payload: { action: 'update' }, now: change.now });
}

/** Withdrawal: the object is no longer served and is set INACTIVE at Google through the outbox. */
export async function voidGoogleWalletObject(tx: Database, input: { memberId: string; now: Date }): Promise<void> {
  if (!(await repo.deactivateWalletObject(tx, input.memberId, input.now))) return;
  await repo.enqueueWalletPatch(tx, { memberId: input.memberId, payload: { action: 'void' }, now: input.now });
}

const objectPath = (objectId: string) => `/walletobjects/v1/loyaltyObject/${encodeURIComponent(objectId)}`;

/**
 * The outbox's delivery of `google_wallet_patch`: PATCHes the member's object with the card as it
 * is when sent (points, tier, soonest expiry). Only a tier different from the last one pushed asks
 * Google to notify (Google allows 3 notifications per pass a day). An object Google does not have
 * yet (the link was never opened) is created; the class is made sure of first, once per process.
 */
export function createGoogleWalletDelivery(deps: GoogleWalletDeps): OutboxDelivery {
  const { api } = deps.googleWallet;
  let classReady = false;

  async function ensureClass() {
    if (classReady) return;
    const body = buildLoyaltyClass({ classId: deps.googleWallet.classId, program: deps.program, logoUri: deps.googleWallet.logoUri });
    const inserted = await api.call('POST', '/walletobjects/v1/loyaltyClass', body);
    if (inserted.status === 409) {
      // It exists (made by an earlier run or by a save link): bring the brand's look up to date
      // (Google asks updates of an approved class to say UNDER_REVIEW again, as the body does).
      expectOk(await api.call('PATCH', `/walletobjects/v1/loyaltyClass/${encodeURIComponent(body.id)}`, body), 'class update');
    } else {
      expectOk(inserted, 'class insert');
    }
    classReady = true;
  }

  return async (row) => {
    const memberId = row.memberId!;
    const payload = row.payload as repo.GoogleWalletPatchPayload;
    const object = await repo.findWalletObject(deps.db, memberId);
    if (!object) return 'skipped';

    if (payload.action === 'void') {
      const answer = await api.call('PATCH', objectPath(object.objectId), { state: 'INACTIVE' });
      if (answer.status === 404) return 'skipped'; // never saved nor created: nothing to void
      expectOk(answer, 'object void');
      return 'sent';
    }
    if (object.state !== 'ACTIVE') return 'skipped';
    const card = await deps.loyalty.memberCard(memberId);
    if (!card) return 'skipped';
    const figures = figuresOf(card);
    const tierChanged = object.pushedTierId !== null && object.pushedTierId !== figures.tier.id;

    await ensureClass();
    const patch = { ...loyaltyObjectFigures(figures), ...(tierChanged ? { notifyPreference: 'NOTIFY_ON_UPDATE' } : {}) };
    const answer = await api.call('PATCH', objectPath(object.objectId), patch);
    if (answer.status === 404) {
      const created = await api.call('POST', '/walletobjects/v1/loyaltyObject', buildLoyaltyObject({ objectId: object.objectId, classId: deps.googleWallet.classId, figures }));
      // 409: saved by the shopper meanwhile; the retry PATCHes it.
      if (created.status === 409) throw new Error('object appeared while being created; retrying the PATCH');
      expectOk(created, 'object insert');
    } else {
      expectOk(answer, 'object patch');
    }
    await repo.recordPushedTier(deps.db, memberId, figures.tier.id, deps.clock());
    return 'sent';
  };
}

function expectOk(answer: { status: number; body: unknown }, what: string) {
  if (answer.status >= 200 && answer.status < 300) return answer;
  // 4xx other than those handled: a request Google will never accept as it is; retrying will not help.
  throw new GoogleWalletRefusal(`Google Wallet ${what} refused: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`, answer.status);
}

class GoogleWalletRefusal extends LineSendError {
  constructor(message: string, status: number) {
    super(message, false, status);
  }
}
