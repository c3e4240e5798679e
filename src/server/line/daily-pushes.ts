import type { Database } from '../db/database';
import { formatJstDate, jstDate } from '../loyalty/jst';
import type { LoyaltyService } from '../loyalty/loyalty.service';
import type { ProgramConfig } from '../loyalty/program-config';
import { birthdayCouponsIssuedSince, findTierSnapshot, listLineMembers, saveTierSnapshot } from './line-members.repository';
import { enqueuePush } from './outbox.repository';
import { pushMessages } from './push-messages';
import { queueRichMenuSwitch, type RichMenuIds } from './rich-menu';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Birthday coupons issued this recently and not yet announced get their push (covers a missed day). */
const BIRTHDAY_LOOKBACK_DAYS = 3;

export type DailyPushReport = { pointsExpiring: number; tierGap: number; tierUpgrade: number; birthdayCoupon: number; richMenuSwitches: number };

/**
 * After the loyalty daily job: queue the pushes whose cause appeared (points expiring within N
 * days, "あと ¥X で …", a tier upgrade, a birthday coupon) for consenting friends only, and switch
 * rich menus on tier changes. Cause keys make a rerun on the same day queue nothing new.
 */
export async function queueDailyPushes(deps: { db: Database; loyalty: LoyaltyService; program: ProgramConfig; clock: () => Date; richMenus: RichMenuIds }): Promise<DailyPushReport> {
  const now = deps.clock();
  const today = jstDate(now);
  const month = `${today.year}-${String(today.month).padStart(2, '0')}`;
  const report: DailyPushReport = { pointsExpiring: 0, tierGap: 0, tierUpgrade: 0, birthdayCoupon: 0, richMenuSwitches: 0 };
  const tierRank = new Map(deps.program.tiers.map((tier, index) => [tier.id, index]));

  const lineMembers = await listLineMembers(deps.db);

  for (const member of lineMembers) {
    const lineUserId = member.lineUserId!;
    const summary = await deps.loyalty.memberSummary(member.id);
    const tierId = summary.tier.current.id;

    // Tier changes switch the rich menu for everyone; the congratulation is a push like the others.
    const snapshot = await findTierSnapshot(deps.db, member.id);
    const upgraded = snapshot !== undefined && (tierRank.get(tierId) ?? 0) > (tierRank.get(snapshot.tierId) ?? 0);
    if (!snapshot || snapshot.tierId !== tierId) {
      await saveTierSnapshot(deps.db, member.id, tierId, now);
      if (snapshot) {
        await queueRichMenuSwitch(deps.db, { memberId: member.id, lineUserId, tierId, menus: deps.richMenus, now });
        report.richMenuSwitches += 1;
      }
    }

    if (!(member.consent && member.friend)) continue;
    const push = async (causeKey: string, messages: ReturnType<(typeof pushMessages)[keyof typeof pushMessages]>, counter: keyof DailyPushReport) => {
      if (await enqueuePush(deps.db, { causeKey, lineUserId, messages, now })) report[counter] += 1;
    };
    if (upgraded) await push(`tier-upgrade:${member.id}:${tierId}:${month}`, pushMessages.tierUpgrade({ tierName: summary.tier.current.name }), 'tierUpgrade');

    const expiry = summary.soonestExpiry;
    if (expiry && expiry.expiresAt.getTime() - now.getTime() <= deps.program.messaging.expiringWithinDays * DAY_MS) {
      const expiresOn = formatJstDate(jstDate(expiry.expiresAt));
      await push(`points-expiring:${member.id}:${expiresOn}`, pushMessages.pointsExpiring({ points: expiry.points, expiresOn }), 'pointsExpiring');
    }

    const next = summary.tier.next;
    if (next && summary.tier.gapYen > 0 && summary.tier.gapYen <= deps.program.messaging.tierGapNudgeYen) {
      await push(`tier-gap:${member.id}:${next.id}:${month}`, pushMessages.tierGap({ gapYen: summary.tier.gapYen, tierName: next.name }), 'tierGap');
    }

    const birthdayCoupons = await birthdayCouponsIssuedSince(deps.db, member.id, new Date(now.getTime() - BIRTHDAY_LOOKBACK_DAYS * DAY_MS));
    for (const coupon of birthdayCoupons) await push(`birthday-coupon:${coupon.id}`, pushMessages.birthdayCoupon(coupon), 'birthdayCoupon');
  }
  return report;
}
