import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { LinkRequest, LinkResult, SecondFactor, SingleSecondFactor } from '../../contract/link';
import { normalisePhone } from '../../contract/profile';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { pointEntries } from '../db/schema/ledger';
import { lineFriendEvents, lineFriends, lineOutbox } from '../db/schema/line';
import { crmMemberBenefits, memberLinks, memberNumberAliases, membershipAudit } from '../db/schema/linking';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import type { AppDeps } from '../app/app-deps';
import { HttpError } from '../http/http-error';
import { enqueuePush } from '../line/outbox';
import { pushMessages } from '../line/push-messages';
import { queueRichMenuSwitch } from '../line/rich-menu';
import { endMemberSessions } from '../members/members.repository';
import { CrmUnavailableError, type CrmMember } from './crm-adapter';
import { asDatabase, type Tx } from '../db/transaction';
import { expectGranted } from './loyalty-port';
import { findTargetHolder, releaseTargetAttempt, reserveTargetAttempt } from './linking.repository';
import { lockedUntil } from './rate-limit';

type Deps = Pick<AppDeps, 'db' | 'program' | 'clock' | 'crm' | 'loyalty' | 'line'>;
type Attempt = { memberId: string; clientAddress: string };

/** Idempotency keys: one per CRM member, whichever LINE account links it. */
export const transferKey = (crmMemberId: string) => `crm-transfer:${crmMemberId}`;
export const linkIncentiveKey = (crmMemberId: string) => `link-incentive:${crmMemberId}`;

function audit(db: Database | Tx, row: { action: 'link_attempt' | 'unlink' | 'withdraw'; outcome: string; memberId: string | null; clientAddress: string; detail?: Record<string, unknown>; now: Date }) {
  return db.insert(membershipAudit).values({ ...row, detail: row.detail ?? {}, createdAt: row.now });
}

async function recentFailures(db: Database, column: 'member' | 'address', value: string, limit: number): Promise<Date[]> {
  const rows = await db
    .select({ at: membershipAudit.createdAt })
    .from(membershipAudit)
    .where(
      and(
        eq(membershipAudit.action, 'link_attempt'),
        // Asking about a held card without both factors also counts: it tells whether a number is held.
        inArray(membershipAudit.outcome, ['mismatch', 'recovery_needs_phone']),
        column === 'member' ? eq(membershipAudit.memberId, value) : eq(membershipAudit.clientAddress, value),
      ),
    )
    .orderBy(desc(membershipAudit.createdAt))
    .limit(limit);
  return rows.map((r) => r.at);
}

async function lockout(deps: Deps, attempt: Attempt): Promise<Date | null> {
  const { maxFailuresPerMember, maxFailuresPerAddress, windowMinutes, lockoutMinutes } = deps.program.linking;
  const now = deps.clock();
  const byMember = lockedUntil(await recentFailures(deps.db, 'member', attempt.memberId, maxFailuresPerMember), { max: maxFailuresPerMember, windowMinutes, lockoutMinutes }, now);
  const byAddress = lockedUntil(await recentFailures(deps.db, 'address', attempt.clientAddress, maxFailuresPerAddress), { max: maxFailuresPerAddress, windowMinutes, lockoutMinutes }, now);
  const until = [byMember, byAddress].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

/** Both factors against a card of ours: the member's birthday and its profile's phone number. */
async function ownCardMatches(db: Database, memberId: string, factor: { birthday: string; phone: string }): Promise<boolean> {
  const [row] = await db
    .select({ birthday: members.birthday, phone: memberProfiles.phone })
    .from(members)
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.id))
    .where(eq(members.id, memberId));
  return !!row && row.birthday !== null && row.birthday === factor.birthday && row.phone != null && normalisePhone(row.phone) === normalisePhone(factor.phone);
}

/** Each factor the request carries, checked by the CRM; all must name the same CRM member. */
async function crmMatches(deps: Deps, memberNumber: string, factor: SecondFactor): Promise<CrmMember | null> {
  const singles: SingleSecondFactor[] =
    factor.kind === 'birthday_and_phone'
      ? [
          { kind: 'birthday', birthday: factor.birthday },
          { kind: 'phone', phone: factor.phone },
        ]
      : [factor];
  let found: CrmMember | null = null;
  for (const single of singles) {
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
export async function linkMembership(deps: Deps, attempt: Attempt, request: { memberNumber: string; factor: SecondFactor }): Promise<{ result: LinkResult; sessionMemberId: string; sessionGeneration?: number }> {
  const now = deps.clock();
  const detail = { memberNumber: request.memberNumber, factor: request.factor.kind };
  const until = await lockout(deps, attempt);
  if (until) {
    await audit(deps.db, { action: 'link_attempt', outcome: 'locked', ...attempt, detail, now });
    throw new HttpError(429, 'link_locked', `Too many failed attempts. Please try again after ${until.toISOString()}.`, { retryAt: until.toISOString() });
  }

  const holder = await findTargetHolder(deps.db, request.memberNumber);
  if (holder?.memberId === attempt.memberId) {
    await audit(deps.db, { action: 'link_attempt', outcome: 'already_linked', ...attempt, detail, now });
    throw new HttpError(409, 'already_linked', 'This membership is already on your card.');
  }
  // Moving a card away from its holder hands over their personal data and points: one guessable
  // factor is not enough. Said before anything is checked, so it tells nothing about the factor.
  if (holder && request.factor.kind !== 'birthday_and_phone') {
    await audit(deps.db, { action: 'link_attempt', outcome: 'recovery_needs_phone', ...attempt, detail, now });
    throw new HttpError(422, 'recovery_needs_phone', 'This card is held by another LINE account. To move it here, enter both the birthday and the phone number.');
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
        await audit(tx, { action: 'link_attempt', outcome: 'target_locked', ...attempt, detail: { ...detail, lockedUntil: retryAt, holderMemberId: holder?.memberId ?? null, holderNotified: !!holder }, now });
      });
    } else {
      await audit(deps.db, { action: 'link_attempt', outcome: 'target_locked_refused', ...attempt, detail: { ...detail, lockedUntil: retryAt }, now });
    }
    throw new HttpError(423, 'link_target_locked', `Too many attempts at this membership. It is locked until ${retryAt}; please try again later or ask our staff.`, { retryAt });
  }

  // A card of ours is checked against its own profile, a CRM membership by the CRM.
  let crm: CrmMember | null = null;
  let matches: boolean;
  try {
    if (holder?.via === 'own-card') {
      matches = request.factor.kind === 'birthday_and_phone' && (await ownCardMatches(deps.db, holder.memberId, request.factor));
    } else {
      crm = await crmMatches(deps, request.memberNumber, request.factor);
      matches = crm !== null && (!holder || holder.crmMemberId === crm.id);
    }
  } catch (error) {
    if (!(error instanceof CrmUnavailableError)) throw error;
    await releaseTargetAttempt(deps.db, target);
    await audit(deps.db, { action: 'link_attempt', outcome: 'crm_unavailable', ...attempt, detail: { ...detail, error: error.message }, now });
    throw new HttpError(503, 'crm_unavailable', 'The membership system cannot be reached right now. Please try again later.');
  }
  if (!matches) {
    await audit(deps.db, { action: 'link_attempt', outcome: 'mismatch', ...attempt, detail, now });
    throw new HttpError(422, 'link_not_verified', 'The member number and the birthday or phone number do not match our records.');
  }
  await releaseTargetAttempt(deps.db, target);

  if (holder) return recover(deps, attempt, holder, { ...detail, via: holder.via, crmMemberId: holder.crmMemberId });
  return link(deps, attempt, crm!, detail);
}

async function link(deps: Deps, attempt: Attempt, crm: CrmMember, detail: Record<string, unknown>) {
  const now = deps.clock();
  const oldNumber = deps.program.linking.oldNumber === 'retire' ? 'retired' : 'kept';
  let outcome;
  try {
    outcome = await deps.db.transaction(async (tx) => {
      const [member] = await tx.select().from(members).where(eq(members.id, attempt.memberId)).for('update');
      if (!member?.lineUserId) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
      const [ownLink] = await tx.select().from(memberLinks).where(and(eq(memberLinks.memberId, member.id), isNull(memberLinks.unlinkedAt)));
      if (ownLink) throw new HttpError(409, 'member_already_linked', 'Your card is already linked to another membership. Unlink it first.');

      await tx.insert(memberLinks).values({ memberId: member.id, crmMemberId: crm.id, crmMemberNumber: crm.memberNumber, linkedAt: now });
      // Each one-time benefit is recorded per CRM member first; only the first record grants.
      const transferred =
        crm.pointsBalance > 0 &&
        (await tx.insert(crmMemberBenefits).values({ crmMemberId: crm.id, kind: 'points_transfer', memberId: member.id, points: crm.pointsBalance, grantedAt: now }).onConflictDoNothing().returning()).length > 0;
      if (transferred) {
        expectGranted(
          await deps.loyalty.grantPoints({ memberId: member.id, points: crm.pointsBalance, kind: 'transfer', idempotencyKey: transferKey(crm.id), reason: `transfer from ${crm.memberNumber}` }, asDatabase(tx)),
          'points transfer',
        );
      }
      const incentive = deps.program.incentives.linkPoints;
      const incentiveGranted =
        incentive > 0 &&
        (await tx.insert(crmMemberBenefits).values({ crmMemberId: crm.id, kind: 'link_incentive', memberId: member.id, points: incentive, grantedAt: now }).onConflictDoNothing().returning()).length > 0;
      if (incentiveGranted) {
        expectGranted(
          await deps.loyalty.grantPoints({ memberId: member.id, points: incentive, kind: 'adjust', idempotencyKey: linkIncentiveKey(crm.id), reason: 'link incentive' }, asDatabase(tx)),
          'link incentive',
        );
      }
      if (oldNumber === 'kept') {
        await tx.insert(memberNumberAliases).values({ number: crm.memberNumber, memberId: member.id, createdAt: now }).onConflictDoUpdate({ target: memberNumberAliases.number, set: { memberId: member.id, createdAt: now } });
      }
      const result: LinkResult = {
        outcome: 'linked',
        memberNumber: member.memberNumber,
        transferredPoints: transferred ? crm.pointsBalance : 0,
        incentivePoints: incentiveGranted ? incentive : 0,
        oldNumber,
      };
      await enqueuePush(tx, { causeKey: `link-completed:${crm.id}`, lineUserId: member.lineUserId, messages: pushMessages.linkCompleted(result), now });
      await queueRichMenuSwitch(tx, { memberId: member.id, lineUserId: member.lineUserId, menus: deps.line.richMenus, now });
      await audit(tx, { action: 'link_attempt', outcome: 'linked', ...attempt, detail: { ...detail, crmMemberId: crm.id, ...result }, now });
      return result;
    });
  } catch (error) {
    // Two LINE accounts linking one membership at the same instant: the partial unique index picks one.
    if (isUniqueViolation(error)) throw new HttpError(409, 'already_linked', 'This membership was just linked. Please reload.');
    throw error;
  }
  // The CRM side follows our commit; our benefit records already make a repeat impossible.
  try {
    if (outcome.transferredPoints > 0) await deps.crm.settleTransfer(crm.id, outcome.transferredPoints, transferKey(crm.id));
    if (outcome.oldNumber === 'retired') await deps.crm.retireNumber(crm.id);
  } catch (error) {
    if (!(error instanceof CrmUnavailableError)) throw error;
    await audit(deps.db, { action: 'link_attempt', outcome: 'crm_settle_failed', ...attempt, detail: { crmMemberId: crm.id, error: error.message }, now });
  }
  return { result: outcome, sessionMemberId: attempt.memberId };
}

/**
 * Moves an existing card to the signed-in LINE account (lost phone, new LINE account). The card
 * the new account made on its first open must still be empty; it is retired without personal data.
 * Every session of the card's previous holder ends, and the holder is told on LINE.
 */
async function recover(deps: Deps, attempt: Attempt, holder: { memberId: string; lineUserId: string }, detail: Record<string, unknown>) {
  const now = deps.clock();
  const { result, generation } = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(members).where(eq(members.id, attempt.memberId)).for('update');
    const [target] = await tx.select().from(members).where(eq(members.id, holder.memberId)).for('update');
    if (!current?.lineUserId) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
    // The holder changed meanwhile (withdrew, or the card moved again): start over.
    if (target?.lineUserId !== holder.lineUserId) throw new HttpError(409, 'already_linked', 'This membership just changed. Please reload and try again.');
    const entries = await tx.$count(pointEntries, eq(pointEntries.memberId, current.id));
    const [ownLink] = await tx.select().from(memberLinks).where(and(eq(memberLinks.memberId, current.id), isNull(memberLinks.unlinkedAt)));
    if (entries > 0 || ownLink) {
      throw new HttpError(409, 'recovery_needs_new_card', 'This LINE account already has its own card with points or a link, so the membership cannot be moved here. Please ask our staff.');
    }
    const lineUserId = current.lineUserId;
    await tx.delete(memberProfiles).where(eq(memberProfiles.memberId, current.id));
    await tx.update(members).set({ lineUserId: null, displayName: null, birthday: null, memberNumber: `retired:${current.id}` }).where(eq(members.id, current.id));
    await endMemberSessions(asDatabase(tx), current.id);
    await tx.update(members).set({ lineUserId, displayName: current.displayName ?? target.displayName }).where(eq(members.id, target.id));
    const generation = (await endMemberSessions(asDatabase(tx), target.id))!;
    await enqueuePush(tx, { causeKey: `card-moved:${target.id}:${now.getTime()}`, lineUserId: holder.lineUserId, messages: pushMessages.cardMoved(), now });
    await queueRichMenuSwitch(tx, { memberId: target.id, lineUserId, menus: deps.line.richMenus, now });
    await audit(tx, { action: 'link_attempt', outcome: 'recovered', ...attempt, detail: { ...detail, recoveredMemberId: target.id, previousHolderSessionsEnded: true }, now });
    const recovered: LinkResult = { outcome: 'recovered', memberNumber: target.memberNumber, transferredPoints: 0, incentivePoints: 0, oldNumber: 'kept' };
    return { result: recovered, generation };
  });
  return { result, sessionMemberId: holder.memberId, sessionGeneration: generation };
}

export async function unlinkMembership(deps: Deps, attempt: Attempt): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const [member] = await tx.select().from(members).where(eq(members.id, attempt.memberId)).for('update');
    if (!member?.lineUserId) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
    const [link] = await tx.update(memberLinks).set({ unlinkedAt: now }).where(and(eq(memberLinks.memberId, member.id), isNull(memberLinks.unlinkedAt))).returning();
    if (!link) throw new HttpError(404, 'not_linked', 'Your card is not linked to another membership.');
    await tx.delete(memberNumberAliases).where(and(eq(memberNumberAliases.number, link.crmMemberNumber), eq(memberNumberAliases.memberId, member.id)));
    await queueRichMenuSwitch(tx, { memberId: member.id, lineUserId: member.lineUserId, menus: deps.line.richMenus, now });
    await audit(tx, { action: 'unlink', outcome: 'unlinked', ...attempt, detail: { crmMemberId: link.crmMemberId }, now });
  });
}

/**
 * Nothing may join the anonymous member left by a withdrawal to the CRM record (which holds the
 * person's name, birthday and phone), the ledger's keys included. Link rows keep their dates for the dashboard's link figures;
 * one-time benefits stay recorded under the CRM member, so linking the same membership again
 * (from a new LINE account) cannot farm the link incentive a second time.
 */
async function eraseCrmJoin(deps: Deps, tx: Tx, memberId: string) {
  const links = await tx.select({ id: memberLinks.id, crmMemberId: memberLinks.crmMemberId }).from(memberLinks).where(eq(memberLinks.memberId, memberId));
  // The transfer and incentive entries are keyed by CRM member id; each link row gives a stand-in.
  const renames = links.flatMap((l) => [
    { from: transferKey(l.crmMemberId), to: transferKey(`erased-${l.id}`) },
    { from: linkIncentiveKey(l.crmMemberId), to: linkIncentiveKey(`erased-${l.id}`) },
  ]);
  await deps.loyalty.anonymiseLedgerKeys({ memberId, renames }, asDatabase(tx));
  await tx.update(memberLinks).set({ crmMemberId: 'erased', crmMemberNumber: 'erased' }).where(eq(memberLinks.memberId, memberId));
  await tx.update(crmMemberBenefits).set({ memberId: null }).where(eq(crmMemberBenefits.memberId, memberId));
  await tx
    .update(membershipAudit)
    .set({ detail: sql`${membershipAudit.detail} - 'memberNumber' - 'crmMemberId'` })
    .where(eq(membershipAudit.memberId, memberId));
  // A transfer's reason names the old card number.
  await tx.update(pointEntries).set({ reason: 'transfer' }).where(and(eq(pointEntries.memberId, memberId), eq(pointEntries.kind, 'transfer')));
}

/**
 * Withdrawal: personal data is erased (profile, birthday, name, LINE user id, friend records,
 * queued messages); the member row stays as an anonymous key so the ledger balances for accounting.
 */
export async function withdrawMembership(deps: Deps, attempt: Attempt): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const [member] = await tx.select().from(members).where(eq(members.id, attempt.memberId)).for('update');
    if (!member?.lineUserId) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
    const lineUserId = member.lineUserId;
    await tx.update(memberLinks).set({ unlinkedAt: now }).where(and(eq(memberLinks.memberId, member.id), isNull(memberLinks.unlinkedAt)));
    await eraseCrmJoin(deps, tx, member.id);
    await tx.delete(memberNumberAliases).where(eq(memberNumberAliases.memberId, member.id));
    await tx.delete(memberProfiles).where(eq(memberProfiles.memberId, member.id));
    await tx.update(members).set({ lineUserId: null, displayName: null, birthday: null, memberNumber: `withdrawn:${member.id}` }).where(eq(members.id, member.id));
    await endMemberSessions(asDatabase(tx), member.id);
    await tx.update(lineOutbox).set({ status: sql`CASE WHEN ${lineOutbox.status} = 'pending' THEN 'skipped' ELSE ${lineOutbox.status} END`, lineUserId: 'erased', payload: {} }).where(eq(lineOutbox.lineUserId, lineUserId));
    await tx.delete(lineFriends).where(eq(lineFriends.lineUserId, lineUserId));
    // Friend events stay for block-rate figures, without the person.
    await tx.update(lineFriendEvents).set({ lineUserId: 'erased' }).where(eq(lineFriendEvents.lineUserId, lineUserId));
    await audit(tx, { action: 'withdraw', outcome: 'withdrawn', ...attempt, now });
  });
}

export type { LinkRequest };
