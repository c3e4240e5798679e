import type { LinkResult, SecondFactor } from '../../contract/link';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { asDatabase, type Tx } from '../db/transaction';
import { forgetFriend } from '../line/line-friends.repository';
import { enqueuePush, eraseOutboxRecipient } from '../line/outbox.repository';
import { pushMessages } from '../line/push-messages';
import { queueRichMenuSwitch, type RichMenuIds } from '../line/rich-menu';
import { expectGranted } from '../loyalty/expect-granted';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import { jstDayKey } from '../loyalty/jst';
import { anonymiseMember, assignLineAccount, endMemberSessions, lockMember } from '../members/members.repository';
import { CrmUnavailableError, type CrmAdapter, type CrmMember } from './crm-adapter';
import {
  endActiveLink,
  eraseCrmReferences,
  findActiveLink,
  findLinkedCrmMembers,
  findOwnCardFactors,
  findTargetHolder,
  insertLink,
  keepNumberScannable,
  recentLinkFailures,
  recordAudit,
  recordBenefitOnce,
  releaseTargetAttempt,
  removeScannableNumber,
  removeScannableNumbers,
  reserveTargetAttempt,
  type AuditEntry,
} from './linking.repository';
import { deleteProfile } from '../profile/profile.repository';
import { voidApplePass } from '../wallet/apple/apple-wallet.service';
import { eraseTransferReasons, hasLedgerEntries } from '../loyalty/loyalty.repository';
import { isCampaignRunning } from './campaign-window';
import { campaignsAround, eraseCampaignGrantMember, recordCampaignGrantOnce } from './campaigns.repository';
import { lockedUntil } from './rate-limit';
import { voidGoogleWalletObject } from '../wallet/google/google-wallet.service';
import { ownCardFactorsMatch, singleFactors } from './second-factor';

export type LinkingDeps = {
  db: Database;
  program: ProgramConfig;
  clock: () => Date;
  crm: CrmAdapter;
  loyalty: Pick<LoyaltyService, 'grantPoints' | 'anonymiseLedgerKeys'>;
  line: { richMenus: RichMenuIds };
};
type Attempt = { memberId: string; clientAddress: string };

/** The signed-in member is gone (withdrawn, or the card moved away) between the session check and now. */
type SessionGone = { ok: false; reason: 'session_gone' };

export type LinkOutcome =
  | { ok: true; result: LinkResult; sessionMemberId: string; sessionGeneration?: number }
  | SessionGone
  | { ok: false; reason: 'locked' | 'target_locked'; retryAt: Date }
  | {
      ok: false;
      reason:
        | 'already_linked'
        | 'recovery_needs_phone'
        | 'crm_unavailable'
        | 'not_verified'
        | 'member_already_linked'
        /** Another LINE account linked the same membership at the same instant. */
        | 'just_linked'
        /** The card's holder changed during a recovery (withdrew, or the card moved again). */
        | 'holder_changed'
        | 'recovery_needs_new_card';
    };

export type UnlinkOutcome = { ok: true } | SessionGone | { ok: false; reason: 'not_linked' };
export type WithdrawOutcome = { ok: true } | SessionGone;

const sessionGone: SessionGone = { ok: false, reason: 'session_gone' };

/** Idempotency keys: one per CRM member, whichever LINE account links it. */
const transferKey = (crmMemberId: string) => `crm-transfer:${crmMemberId}`;
const linkIncentiveKey = (crmMemberId: string) => `link-incentive:${crmMemberId}`;

/**
 * The bonus of the link campaign running now (#17), once per campaign and CRM membership (the
 * grant record) and once per campaign and member (the ledger's idempotency key, which names no CRM id).
 */
async function grantCampaignBonus(deps: LinkingDeps, tx: Tx, input: { memberId: string; crmMemberId: string; now: Date }): Promise<number> {
  const running = (await campaignsAround(tx, 'link_bonus', jstDayKey(input.now))).find((c) => isCampaignRunning(c, input.now));
  if (!running) return 0;
  const recorded = await recordCampaignGrantOnce(tx, { campaignId: running.id, crmMemberId: input.crmMemberId, memberId: input.memberId, points: running.bonusPoints, grantedAt: input.now });
  if (!recorded) return 0;
  expectGranted(
    await deps.loyalty.grantPoints(
      { memberId: input.memberId, points: running.bonusPoints, kind: 'adjust', idempotencyKey: `link-campaign:${running.id}`, reason: 'link campaign bonus' },
      asDatabase(tx),
    ),
    'link campaign bonus',
  );
  return running.bonusPoints;
}

type AttemptAudit = Omit<AuditEntry, 'action' | 'memberId' | 'clientAddress'>;
const auditAttempt = (db: Database | Tx, attempt: Attempt, entry: AttemptAudit) => recordAudit(db, { action: 'link_attempt', ...attempt, ...entry });

/** The member's active link, for the card's link status. */
export async function findLink(deps: Pick<LinkingDeps, 'db'>, memberId: string) {
  return findActiveLink(deps.db, memberId);
}

async function lockout(deps: LinkingDeps, attempt: Attempt): Promise<Date | null> {
  const { maxFailuresPerMember, maxFailuresPerAddress, windowMinutes, lockoutMinutes } = deps.program.linking;
  const now = deps.clock();
  const byMember = lockedUntil(await recentLinkFailures(deps.db, { memberId: attempt.memberId }, maxFailuresPerMember), { max: maxFailuresPerMember, windowMinutes, lockoutMinutes }, now);
  const byAddress = lockedUntil(await recentLinkFailures(deps.db, { clientAddress: attempt.clientAddress }, maxFailuresPerAddress), { max: maxFailuresPerAddress, windowMinutes, lockoutMinutes }, now);
  const until = [byMember, byAddress].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

/** Each factor the request carries, checked by the CRM; all must name the same CRM member. */
async function crmMatches(deps: LinkingDeps, memberNumber: string, factor: SecondFactor): Promise<CrmMember | null> {
  let found: CrmMember | null = null;
  for (const single of singleFactors(factor)) {
    const member = await deps.crm.verify(memberNumber, single);
    if (!member || (found && found.id !== member.id)) return null;
    found = member;
  }
  return found;
}

const targetKey = (memberNumber: string) => `number:${memberNumber}`;

/**
 * Links an existing membership to the signed-in member, or recovers a card another LINE account
 * holds. Limited per member and per client address, and per membership across all of them (a
 * lock tells the holder on LINE); recovery needs the birthday and the phone number; every
 * attempt audited.
 */
export async function linkMembership(deps: LinkingDeps, attempt: Attempt, request: { memberNumber: string; factor: SecondFactor }): Promise<LinkOutcome> {
  const now = deps.clock();
  const detail = { memberNumber: request.memberNumber, factor: request.factor.kind };
  const until = await lockout(deps, attempt);
  if (until) {
    await auditAttempt(deps.db, attempt, { outcome: 'locked', detail, now });
    return { ok: false, reason: 'locked', retryAt: until };
  }

  const holder = await findTargetHolder(deps.db, request.memberNumber);
  if (holder?.memberId === attempt.memberId) {
    await auditAttempt(deps.db, attempt, { outcome: 'already_linked', detail, now });
    return { ok: false, reason: 'already_linked' };
  }
  // Moving a card away from its holder hands over their personal data and points: one guessable
  // factor is not enough. Said before anything is checked, so it tells nothing about the factor.
  if (holder && request.factor.kind !== 'birthday_and_phone') {
    await auditAttempt(deps.db, attempt, { outcome: 'recovery_needs_phone', detail, now });
    return { ok: false, reason: 'recovery_needs_phone' };
  }

  const target = targetKey(request.memberNumber);
  const { maxFailuresPerTarget, targetWindowMinutes, targetLockoutMinutes } = deps.program.linking;
  const reservation = await reserveTargetAttempt(deps.db, target, { maxFailures: maxFailuresPerTarget, windowMinutes: targetWindowMinutes, lockoutMinutes: targetLockoutMinutes }, now);
  if (!reservation.ok) {
    const retryAt = reservation.lockedUntil.toISOString();
    if (reservation.lockedNow) {
      await deps.db.transaction(async (tx) => {
        if (holder) {
          await enqueuePush(tx, { causeKey: `link-target-locked:${request.memberNumber}:${reservation.lockedUntil.getTime()}`, lineUserId: holder.lineUserId, messages: pushMessages.linkTargetLocked(), now });
        }
        await auditAttempt(tx, attempt, { outcome: 'target_locked', detail: { ...detail, lockedUntil: retryAt, holderMemberId: holder?.memberId ?? null, holderNotified: !!holder }, now });
      });
    } else {
      await auditAttempt(deps.db, attempt, { outcome: 'target_locked_refused', detail: { ...detail, lockedUntil: retryAt }, now });
    }
    return { ok: false, reason: 'target_locked', retryAt: reservation.lockedUntil };
  }

  // A card of ours is checked against its own profile, a CRM membership by the CRM.
  let crm: CrmMember | null = null;
  let matches: boolean;
  try {
    if (holder?.via === 'own-card') {
      matches = request.factor.kind === 'birthday_and_phone' && ownCardFactorsMatch(await findOwnCardFactors(deps.db, holder.memberId), request.factor);
    } else {
      crm = await crmMatches(deps, request.memberNumber, request.factor);
      matches = crm !== null && (!holder || holder.crmMemberId === crm.id);
    }
  } catch (error) {
    if (!(error instanceof CrmUnavailableError)) throw error;
    await releaseTargetAttempt(deps.db, target);
    await auditAttempt(deps.db, attempt, { outcome: 'crm_unavailable', detail: { ...detail, error: error.message }, now });
    return { ok: false, reason: 'crm_unavailable' };
  }
  if (!matches) {
    await auditAttempt(deps.db, attempt, { outcome: 'mismatch', detail, now });
    return { ok: false, reason: 'not_verified' };
  }
  await releaseTargetAttempt(deps.db, target);

  if (holder) return recover(deps, attempt, holder, { ...detail, via: holder.via, crmMemberId: holder.crmMemberId });
  return link(deps, attempt, crm!, detail);
}

async function link(deps: LinkingDeps, attempt: Attempt, crm: CrmMember, detail: Record<string, unknown>): Promise<LinkOutcome> {
  const now = deps.clock();
  const oldNumber = deps.program.linking.oldNumber === 'retire' ? 'retired' : 'kept';
  let outcome;
  try {
    outcome = await deps.db.transaction(async (tx) => {
      const member = await lockMember(tx, attempt.memberId);
      if (!member?.lineUserId) return sessionGone;
      if (await findActiveLink(tx, member.id)) return { ok: false, reason: 'member_already_linked' } as const;

      await insertLink(tx, { memberId: member.id, crmMemberId: crm.id, crmMemberNumber: crm.memberNumber, linkedAt: now });
      // Each one-time benefit is recorded per CRM member first; only the first record grants.
      const transferred =
        crm.pointsBalance > 0 && (await recordBenefitOnce(tx, { crmMemberId: crm.id, kind: 'points_transfer', memberId: member.id, points: crm.pointsBalance, grantedAt: now }));
      if (transferred) {
        expectGranted(
          await deps.loyalty.grantPoints({ memberId: member.id, points: crm.pointsBalance, kind: 'transfer', idempotencyKey: transferKey(crm.id), reason: `transfer from ${crm.memberNumber}` }, asDatabase(tx)),
          'points transfer',
        );
      }
      const incentive = deps.program.incentives.linkPoints;
      const incentiveGranted =
        incentive > 0 && (await recordBenefitOnce(tx, { crmMemberId: crm.id, kind: 'link_incentive', memberId: member.id, points: incentive, grantedAt: now }));
      if (incentiveGranted) {
        expectGranted(
          await deps.loyalty.grantPoints({ memberId: member.id, points: incentive, kind: 'adjust', idempotencyKey: linkIncentiveKey(crm.id), reason: 'link incentive' }, asDatabase(tx)),
          'link incentive',
        );
      }
      const campaignBonusPoints = await grantCampaignBonus(deps, tx, { memberId: member.id, crmMemberId: crm.id, now });
      if (oldNumber === 'kept') await keepNumberScannable(tx, crm.memberNumber, member.id, now);
      const result: LinkResult = {
        outcome: 'linked',
        memberNumber: member.memberNumber,
        transferredPoints: transferred ? crm.pointsBalance : 0,
        incentivePoints: incentiveGranted ? incentive : 0,
        campaignBonusPoints,
        oldNumber,
      };
      await enqueuePush(tx, { causeKey: `link-completed:${crm.id}`, lineUserId: member.lineUserId, messages: pushMessages.linkCompleted(result), now });
      await queueRichMenuSwitch(tx, { memberId: member.id, lineUserId: member.lineUserId, menus: deps.line.richMenus, now });
      await auditAttempt(tx, attempt, { outcome: 'linked', detail: { ...detail, crmMemberId: crm.id, ...result }, now });
      return { ok: true, result } as const;
    });
  } catch (error) {
    // Two LINE accounts linking one membership at the same instant: the partial unique index picks one.
    if (isUniqueViolation(error)) return { ok: false, reason: 'just_linked' };
    throw error;
  }
  if (!outcome.ok) return outcome;
  const { result } = outcome;
  // The CRM side follows our commit; our benefit records already make a repeat impossible.
  try {
    if (result.transferredPoints > 0) await deps.crm.settleTransfer(crm.id, result.transferredPoints, transferKey(crm.id));
    if (result.oldNumber === 'retired') await deps.crm.retireNumber(crm.id);
  } catch (error) {
    if (!(error instanceof CrmUnavailableError)) throw error;
    await auditAttempt(deps.db, attempt, { outcome: 'crm_settle_failed', detail: { crmMemberId: crm.id, error: error.message }, now });
  }
  return { ok: true, result, sessionMemberId: attempt.memberId };
}

/**
 * Moves an existing card to the signed-in LINE account (lost phone, new LINE account). The card
 * the new account made on its first open must still be empty; it is retired without personal data.
 * Every session of the card's previous holder ends, and the holder is told on LINE.
 */
async function recover(deps: LinkingDeps, attempt: Attempt, holder: { memberId: string; lineUserId: string }, detail: Record<string, unknown>): Promise<LinkOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx): Promise<LinkOutcome> => {
    const current = await lockMember(tx, attempt.memberId);
    const target = await lockMember(tx, holder.memberId);
    if (!current?.lineUserId) return sessionGone;
    if (target?.lineUserId !== holder.lineUserId) return { ok: false, reason: 'holder_changed' };
    if ((await hasLedgerEntries(asDatabase(tx), current.id)) || (await findActiveLink(tx, current.id))) return { ok: false, reason: 'recovery_needs_new_card' };
    const lineUserId = current.lineUserId;
    await deleteProfile(tx, current.id);
    await anonymiseMember(tx, current.id, `retired:${current.id}`);
    await endMemberSessions(asDatabase(tx), current.id);
    await assignLineAccount(tx, target.id, { lineUserId, displayName: current.displayName ?? target.displayName });
    const generation = (await endMemberSessions(asDatabase(tx), target.id))!;
    await enqueuePush(tx, { causeKey: `card-moved:${target.id}:${now.getTime()}`, lineUserId: holder.lineUserId, messages: pushMessages.cardMoved(), now });
    await queueRichMenuSwitch(tx, { memberId: target.id, lineUserId, menus: deps.line.richMenus, now });
    await auditAttempt(tx, attempt, { outcome: 'recovered', detail: { ...detail, recoveredMemberId: target.id, previousHolderSessionsEnded: true }, now });
    const result: LinkResult = { outcome: 'recovered', memberNumber: target.memberNumber, transferredPoints: 0, incentivePoints: 0, campaignBonusPoints: 0, oldNumber: 'kept' };
    return { ok: true, result, sessionMemberId: holder.memberId, sessionGeneration: generation };
  });
}

export async function unlinkMembership(deps: LinkingDeps, attempt: Attempt): Promise<UnlinkOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx): Promise<UnlinkOutcome> => {
    const member = await lockMember(tx, attempt.memberId);
    if (!member?.lineUserId) return sessionGone;
    const link = await endActiveLink(tx, member.id, now);
    if (!link) return { ok: false, reason: 'not_linked' };
    await removeScannableNumber(tx, link.crmMemberNumber, member.id);
    await queueRichMenuSwitch(tx, { memberId: member.id, lineUserId: member.lineUserId, menus: deps.line.richMenus, now });
    await recordAudit(tx, { action: 'unlink', outcome: 'unlinked', ...attempt, detail: { crmMemberId: link.crmMemberId }, now });
    return { ok: true };
  });
}

/**
 * Nothing may join the anonymous member left by a withdrawal to the CRM record (which holds the
 * person's name, birthday and phone), the ledger's keys included. Link rows keep their dates for the dashboard's link figures;
 * one-time benefits stay recorded under the CRM member, so linking the same membership again
 * (from a new LINE account) cannot farm the link incentive a second time.
 */
async function eraseCrmJoin(deps: LinkingDeps, tx: Tx, memberId: string) {
  const links = await findLinkedCrmMembers(tx, memberId);
  // The transfer and incentive entries are keyed by CRM member id; each link row gives a stand-in.
  const renames = links.flatMap((l) => [
    { from: transferKey(l.crmMemberId), to: transferKey(`erased-${l.id}`) },
    { from: linkIncentiveKey(l.crmMemberId), to: linkIncentiveKey(`erased-${l.id}`) },
  ]);
  await deps.loyalty.anonymiseLedgerKeys({ memberId, renames }, asDatabase(tx));
  await eraseCrmReferences(tx, memberId);
  await eraseCampaignGrantMember(tx, memberId);
  await eraseTransferReasons(asDatabase(tx), memberId);
}

/**
 * Withdrawal: personal data is erased (profile, birthday, name, LINE user id, friend records,
 * queued messages), the Apple Wallet pass is voided; the member row stays as an anonymous key so the ledger balances for accounting.
 */
export async function withdrawMembership(deps: LinkingDeps, attempt: Attempt): Promise<WithdrawOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx): Promise<WithdrawOutcome> => {
    const member = await lockMember(tx, attempt.memberId);
    if (!member?.lineUserId) return sessionGone;
    const lineUserId = member.lineUserId;
    await endActiveLink(tx, member.id, now);
    await eraseCrmJoin(deps, tx, member.id);
    await removeScannableNumbers(tx, member.id);
    await deleteProfile(tx, member.id);
    await anonymiseMember(tx, member.id, `withdrawn:${member.id}`);
    await endMemberSessions(asDatabase(tx), member.id);
    await eraseOutboxRecipient(tx, lineUserId);
    await forgetFriend(tx, lineUserId);
    // The Wallet passes are voided (Apple's devices pushed, Google's object INACTIVE): they show nothing of the member any more.
    await voidApplePass(asDatabase(tx), member.id, now);
    await voidGoogleWalletObject(asDatabase(tx), { memberId: member.id, now });
    await recordAudit(tx, { action: 'withdraw', outcome: 'withdrawn', ...attempt, now });
    return { ok: true };
  });
}
