import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Database } from '../../db/database';
import type { CardChangedHook } from '../../loyalty/loyalty-deps';
import type { LoyaltyService } from '../../loyalty/loyalty.service';
import type { ProgramConfig } from '../../loyalty/program-config';
import type { MemberCardRead } from '../../members/member-card';
import { buildPassFile } from './apple-pass-file';
import type { PassCard } from './apple-pass';
import { APPLE_WALLET_PREFIX, type AppleWallet } from './apple-wallet-setup';
import * as repo from './apple-wallet.repository';

export type AppleWalletDeps = {
  db: Database;
  program: ProgramConfig;
  clock: () => Date;
  appleWallet: AppleWallet;
  loyalty: Pick<LoyaltyService, 'memberCard'>;
};

export type PassFile = { file: Buffer; serialNumber: string; lastModified: Date };

/** How long a download link works: long enough to open it in Safari, short enough that a leaked one is soon useless. */
export const DOWNLOAD_LINK_SECONDS = 5 * 60;
const LINK_AUDIENCE = 'apple-wallet-download';

const toPassCard = (read: MemberCardRead): PassCard => ({
  memberNumber: read.memberNumber,
  pointsBalance: read.ledger.pointsBalance,
  tier: { id: read.ledger.tier.current.id, name: read.ledger.tier.current.name },
  soonestExpiry: read.ledger.soonestExpiry,
});

/** The signed-in member's pass, created on the first download; 'member_gone' when the membership closed meanwhile. */
export async function issuePass(deps: AppleWalletDeps, memberId: string): Promise<({ ok: true } & PassFile) | { ok: false; reason: 'member_gone' }> {
  const read = await deps.loyalty.memberCard(memberId);
  if (!read?.lineUserId) return { ok: false, reason: 'member_gone' };
  const pass =
    (await repo.findPassOfMember(deps.db, memberId)) ??
    (await repo.ensurePass(deps.db, { memberId, serialNumber: randomUUID(), authenticationToken: randomBytes(24).toString('base64url'), now: deps.clock() }));
  const file = buildPassFile(deps.program, deps.appleWallet, pass, pass.voided ? null : toPassCard(read));
  return { ok: true, file, serialNumber: pass.serialNumber, lastModified: pass.updatedAt };
}

/** A download link for a browser without the session (LINE's in-app browser hands .pkpass files to Safari). */
export async function createDownloadLink(deps: Pick<AppleWalletDeps, 'appleWallet' | 'clock'>, session: { memberId: string; generation: number }) {
  const now = Math.floor(deps.clock().getTime() / 1000);
  const token = await new SignJWT({ gen: session.generation })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(session.memberId)
    .setAudience(LINK_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + DOWNLOAD_LINK_SECONDS)
    .sign(deps.appleWallet.linkKey);
  return {
    url: `${deps.appleWallet.publicBaseUrl}${APPLE_WALLET_PREFIX}/download/${token}`,
    expiresAt: new Date((now + DOWNLOAD_LINK_SECONDS) * 1000).toISOString(),
  };
}

/** The member a download link names, while it is fresh and the session it came from still stands; null otherwise. */
export async function readDownloadLink(deps: Pick<AppleWalletDeps, 'appleWallet' | 'clock'>, token: string): Promise<{ memberId: string; generation: number } | null> {
  try {
    const { payload } = await jwtVerify(token, deps.appleWallet.linkKey, { audience: LINK_AUDIENCE, algorithms: ['HS256'], currentDate: deps.clock() });
    if (typeof payload.sub !== 'string' || typeof payload.gen !== 'number') return null;
    return { memberId: payload.sub, generation: payload.gen };
  } catch {
    return null;
  }
}

/** The pass a device asks about, when its `ApplePass` token is the pass's own (compared in constant time). */
async function authorisedPass(deps: AppleWalletDeps, input: { passTypeId: string; serialNumber: string; token: string | null }) {
  if (input.passTypeId !== deps.appleWallet.passTypeId || !input.token) return undefined;
  const pass = await repo.findPass(deps.db, input.serialNumber);
  if (!pass) return undefined;
  const given = Buffer.from(input.token);
  const expected = Buffer.from(pass.authenticationToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? pass : undefined;
}

export type RegistrationOutcome = 'created' | 'updated' | 'unauthorised';

export async function registerDevice(
  deps: AppleWalletDeps,
  input: { deviceLibraryIdentifier: string; passTypeId: string; serialNumber: string; token: string | null; pushToken: string },
): Promise<RegistrationOutcome> {
  const pass = await authorisedPass(deps, input);
  if (!pass) return 'unauthorised';
  return repo.register(deps.db, { deviceLibraryIdentifier: input.deviceLibraryIdentifier, serialNumber: pass.serialNumber, pushToken: input.pushToken, now: deps.clock() });
}

export async function unregisterDevice(
  deps: AppleWalletDeps,
  input: { deviceLibraryIdentifier: string; passTypeId: string; serialNumber: string; token: string | null },
): Promise<'removed' | 'unauthorised'> {
  const pass = await authorisedPass(deps, input);
  if (!pass) return 'unauthorised';
  await repo.unregister(deps.db, input.deviceLibraryIdentifier, pass.serialNumber);
  return 'removed';
}

/** The device's passes changed since the tag it last got (`lastUpdated` is that tag: milliseconds); null when none. */
export async function updatedSerials(
  deps: AppleWalletDeps,
  input: { deviceLibraryIdentifier: string; passTypeId: string; passesUpdatedSince: number | null },
): Promise<{ serialNumbers: string[]; lastUpdated: string } | null> {
  if (input.passTypeId !== deps.appleWallet.passTypeId) return null;
  const since = input.passesUpdatedSince === null ? null : new Date(input.passesUpdatedSince);
  const passes = await repo.passesOfDevice(deps.db, input.deviceLibraryIdentifier, since);
  if (passes.length === 0) return null;
  const lastUpdated = Math.max(...passes.map((p) => p.updatedAt.getTime()));
  return { serialNumbers: passes.map((p) => p.serialNumber), lastUpdated: String(lastUpdated) };
}

export type LatestPassOutcome = { status: 'unauthorised' } | { status: 'not_modified'; lastModified: Date } | ({ status: 'ok' } & PassFile);

/** The latest version of a pass for a device that holds it: voided (and without the member's data) after withdrawal. */
export async function latestPass(
  deps: AppleWalletDeps,
  input: { passTypeId: string; serialNumber: string; token: string | null; ifModifiedSince: Date | null },
): Promise<LatestPassOutcome> {
  const pass = await authorisedPass(deps, input);
  if (!pass) return { status: 'unauthorised' };
  // HTTP dates count whole seconds; every change moves updatedAt on by at least one (repository).
  const lastModifiedSecond = Math.floor(pass.updatedAt.getTime() / 1000) * 1000;
  if (input.ifModifiedSince && input.ifModifiedSince.getTime() >= lastModifiedSecond) return { status: 'not_modified', lastModified: pass.updatedAt };
  const read = pass.voided ? undefined : await deps.loyalty.memberCard(pass.memberId);
  const card = read?.lineUserId ? toPassCard(read) : null;
  const file = buildPassFile(deps.program, deps.appleWallet, pass, card);
  return { status: 'ok', file, serialNumber: pass.serialNumber, lastModified: pass.updatedAt };
}

/**
 * The loyalty hook (LoyaltyDeps.onCardChanged): inside the transaction that changed the card, the
 * member's pass gets a new Last-Modified and, when a device holds it, one APNs update is queued.
 * Members without a pass cost one indexed UPDATE that finds nothing.
 */
export const enqueueApplePassUpdate: CardChangedHook = async (tx, { memberId, now }) => {
  const pass = await repo.touchPass(tx, memberId, now);
  if (!pass || !(await repo.hasRegistrations(tx, pass.serialNumber))) return;
  await repo.enqueuePassUpdate(tx, { memberId, serialNumber: pass.serialNumber, updatedAt: pass.updatedAt, now });
};

/** Withdrawal, inside its transaction: the pass is voided and the devices holding it are pushed to fetch the voided version. */
export async function voidApplePass(tx: Database, memberId: string, now: Date): Promise<void> {
  const pass = await repo.touchPass(tx, memberId, now, { void: true });
  if (!pass || !(await repo.hasRegistrations(tx, pass.serialNumber))) return;
  await repo.enqueuePassUpdate(tx, { memberId, serialNumber: pass.serialNumber, updatedAt: pass.updatedAt, now });
}
