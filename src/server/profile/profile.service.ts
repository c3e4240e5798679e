import type { output } from 'zod/mini';
import type { ProfileInputSchema, ProfileView, SaveProfileResponse } from '../../contract/profile';
import type { Database } from '../db/database';
import { asDatabase } from '../db/transaction';
import { enqueuePush } from '../line/outbox.repository';
import { pushMessages } from '../line/push-messages';
import { expectGranted } from '../loyalty/expect-granted';
import { jstDayKey } from '../loyalty/jst';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import { findMemberById, lockMember, setBirthday } from '../members/members.repository';
import { findProfile, saveProfileRow, type ProfileRow } from './profile.repository';
import { birthdayChangeAllowed, profileCompletionKey } from './profile-rules';

export type ProfileDeps = {
  db: Database;
  program: ProgramConfig;
  clock: () => Date;
  loyalty: Pick<LoyaltyService, 'grantPoints' | 'issueBirthdayCouponIfDue'>;
};

/** The signed-in member is gone (withdrawn, or the card moved away) between the session check and now. */
type SessionGone = { ok: false; reason: 'session_gone' };
/** The form as the contract parsed it (trimmed). */
type ProfileInput = output<typeof ProfileInputSchema>;
const sessionGone: SessionGone = { ok: false, reason: 'session_gone' };

export type ReadProfileOutcome = { ok: true; view: ProfileView } | SessionGone;
export type SaveProfileOutcome = { ok: true; saved: SaveProfileResponse } | SessionGone | { ok: false; reason: 'birthday_in_future' | 'birthday_locked' };

function toView(birthday: string | null, profile: ProfileRow | undefined, program: ProgramConfig): ProfileView {
  return {
    profile: profile
      ? {
          familyName: profile.familyName,
          givenName: profile.givenName,
          familyKana: profile.familyKana,
          givenKana: profile.givenKana,
          birthday: birthday ?? '',
          phone: profile.phone,
          email: profile.email,
          postalCode: profile.postalCode,
          prefecture: profile.prefecture,
          city: profile.city,
          street: profile.street,
          building: profile.building,
          marketingConsent: profile.marketingConsent,
        }
      : null,
    completed: Boolean(profile),
    birthdayEditable: birthdayChangeAllowed({ currentBirthday: birthday, changesSoFar: profile?.birthdayChanges ?? 0 }, program.profile.birthdayChange),
    completionPoints: profile ? 0 : program.incentives.profileCompletionPoints,
  };
}

export async function readProfile(deps: ProfileDeps, memberId: string): Promise<ReadProfileOutcome> {
  const member = await findMemberById(deps.db, memberId);
  if (!member?.lineUserId) return sessionGone;
  const profile = await findProfile(deps.db, memberId);
  return { ok: true, view: toView(member.birthday, profile, deps.program) };
}

/**
 * Completes or updates the profile. The first completion earns the programme's bonus once, a
 * birthday may change only as the programme allows, and a birthday coupon due now is issued.
 */
export async function saveProfile(deps: ProfileDeps, memberId: string, input: ProfileInput): Promise<SaveProfileOutcome> {
  const now = deps.clock();
  if (input.birthday > jstDayKey(now)) return { ok: false, reason: 'birthday_in_future' };
  return deps.db.transaction(async (tx): Promise<SaveProfileOutcome> => {
    // Row lock: two saves at once must not both count as "the first completion" or the one birthday change.
    const member = await lockMember(tx, memberId);
    if (!member?.lineUserId) return sessionGone;
    const previous = await findProfile(tx, memberId);
    const birthdayChanges = previous?.birthdayChanges ?? 0;
    const changesBirthday = member.birthday !== null && member.birthday !== input.birthday;
    if (changesBirthday && !birthdayChangeAllowed({ currentBirthday: member.birthday, changesSoFar: birthdayChanges }, deps.program.profile.birthdayChange)) {
      return { ok: false, reason: 'birthday_locked' };
    }
    const saved = await saveProfileRow(
      tx,
      memberId,
      {
        familyName: input.familyName,
        givenName: input.givenName,
        familyKana: input.familyKana,
        givenKana: input.givenKana,
        phone: input.phone,
        email: input.email,
        postalCode: input.postalCode,
        prefecture: input.prefecture,
        city: input.city,
        street: input.street,
        building: input.building,
        marketingConsent: input.marketingConsent,
        birthdayChanges: birthdayChanges + (changesBirthday ? 1 : 0),
      },
      now,
    );
    await setBirthday(tx, memberId, input.birthday);

    let pointsAwarded = 0;
    const bonus = deps.program.incentives.profileCompletionPoints;
    if (!previous && bonus > 0) {
      const grant = expectGranted(
        await deps.loyalty.grantPoints(
          { memberId, points: bonus, kind: 'adjust', idempotencyKey: profileCompletionKey(memberId), reason: 'profile completion' },
          asDatabase(tx),
        ),
        'profile completion bonus',
      );
      if (!grant.replayed) pointsAwarded = bonus;
    }
    const { issued } = await deps.loyalty.issueBirthdayCouponIfDue(memberId, asDatabase(tx));
    if (issued) {
      await enqueuePush(tx, { causeKey: `birthday-coupon:${issued.id}`, lineUserId: member.lineUserId, messages: pushMessages.birthdayCoupon({ title: issued.title.ja }), now });
    }
    return { ok: true, saved: { view: toView(input.birthday, saved, deps.program), pointsAwarded, birthdayCouponIssued: Boolean(issued) } };
  });
}
