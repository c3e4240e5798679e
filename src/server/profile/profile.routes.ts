import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ProfileInputSchema, type ProfileView, type SaveProfileResponse } from '../../contract/profile';
import type { Database } from '../db/database';
import { members } from '../db/schema/members';
import { memberProfiles } from '../db/schema/profile';
import type { AppDeps, AppEnv } from '../app/app-deps';
import { HttpError, jsonBody } from '../http/http-error';
import { enqueuePush } from '../line/outbox';
import { pushMessages } from '../line/push-messages';
import { asDatabase } from '../db/transaction';
import { expectGranted } from '../loyalty/expect-granted';
import { jstDayKey } from '../loyalty/jst';
import type { ProgramConfig } from '../loyalty/program-config';
import { birthdayChangeAllowed, profileCompletionKey } from './profile-rules';

type ProfileRow = typeof memberProfiles.$inferSelect;

async function loadMember(db: Database, memberId: string) {
  const [member] = await db.select().from(members).where(eq(members.id, memberId));
  if (!member || !member.lineUserId) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
  const [profile] = await db.select().from(memberProfiles).where(eq(memberProfiles.memberId, memberId));
  return { member, profile };
}

function toView(birthday: string | null, profile: ProfileRow | undefined, program: ProgramConfig): ProfileView {
  return {
    profile: profile
      ? {
          fullName: profile.fullName,
          kana: profile.kana,
          birthday: birthday ?? '',
          phone: profile.phone,
          email: profile.email,
          postalCode: profile.postalCode,
          marketingConsent: profile.marketingConsent,
        }
      : null,
    completed: Boolean(profile),
    birthdayEditable: birthdayChangeAllowed({ currentBirthday: birthday, changesSoFar: profile?.birthdayChanges ?? 0 }, program.profile.birthdayChange),
    completionPoints: profile ? 0 : program.incentives.profileCompletionPoints,
  };
}

/** /api/me/profile: read and complete the profile (same zod schema as the form). */
export function profileRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { member, profile } = await loadMember(deps.db, c.get('memberId'));
      return c.json(toView(member.birthday, profile, deps.program));
    })
    .put('/', jsonBody(ProfileInputSchema), async (c) => {
      const input = c.req.valid('json');
      const memberId = c.get('memberId');
      const now = deps.clock();
      if (input.birthday > jstDayKey(now)) {
        throw new HttpError(400, 'invalid_request', 'The request body is invalid.', { birthday: 'profile.error.birthday' });
      }
      const result = await deps.db.transaction(async (tx) => {
        // Row lock: two saves at once must not both count as "the first completion" or the one birthday change.
        const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
        if (!member || !member.lineUserId) throw new HttpError(401, 'session_required', 'This membership no longer exists. Please log in again.');
        const [previous] = await tx.select().from(memberProfiles).where(eq(memberProfiles.memberId, memberId));
        const birthdayChanges = previous?.birthdayChanges ?? 0;
        const changesBirthday = member.birthday !== null && member.birthday !== input.birthday;
        if (changesBirthday && !birthdayChangeAllowed({ currentBirthday: member.birthday, changesSoFar: birthdayChanges }, deps.program.profile.birthdayChange)) {
          throw new HttpError(409, 'birthday_locked', 'The birthday can no longer be changed here. Please ask our staff.', {
            birthday: 'profile.error.birthdayLocked',
          });
        }
        const values = {
          fullName: input.fullName,
          kana: input.kana,
          phone: input.phone,
          email: input.email,
          postalCode: input.postalCode,
          marketingConsent: input.marketingConsent,
          birthdayChanges: birthdayChanges + (changesBirthday ? 1 : 0),
          updatedAt: now,
        };
        const [saved] = await tx
          .insert(memberProfiles)
          .values({ memberId, ...values, termsAcceptedAt: now, completedAt: now })
          .onConflictDoUpdate({ target: memberProfiles.memberId, set: values })
          .returning();
        await tx.update(members).set({ birthday: input.birthday }).where(eq(members.id, memberId));

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
          await enqueuePush(tx, { causeKey: `birthday-coupon:${issued.id}`, lineUserId: member.lineUserId, messages: pushMessages.birthdayCoupon(issued), now });
        }
        return { view: toView(input.birthday, saved, deps.program), pointsAwarded, birthdayCouponIssued: Boolean(issued) };
      });
      const body: SaveProfileResponse = result;
      return c.json(body);
    });
}
