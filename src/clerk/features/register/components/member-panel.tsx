import type { Coupon } from '../../../../contract/coupons';
import type { StaffMemberView } from '../../../../contract/staff';
import { useI18n } from '../../../lib/i18n';

export function couponDiscountText(coupon: Coupon, t: ReturnType<typeof useI18n>['t'], yen: (n: number) => string) {
  return coupon.discount.kind === 'percent'
    ? t('coupons.discount.percent', { percent: coupon.discount.percent })
    : t('coupons.discount.yen', { amount: yen(coupon.discount.yen) });
}

/** Who is at the register: name (未登録 until the profile is done), tier, points, expiry, stamps, coupons. */
export function MemberPanel({ member }: { member: StaffMemberView }) {
  const { t, number, date, yen, time } = useI18n();
  return (
    <section aria-label={t('clerk.member.title')} className="rounded-2xl bg-white p-4 shadow-sm" data-testid="member-panel">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-2xl font-bold" data-testid="member-name">
          {member.displayName ?? t('clerk.member.unregistered')}
        </h2>
        <span className="rounded-full bg-amber-300 px-3 py-1 text-sm font-bold">{member.tier.current.name}</span>
      </div>
      <p className="mt-1 font-mono text-sm text-stone-600">
        {t('clerk.member.number')} {member.memberNumber} ·{' '}
        {member.codeKind === 'rotating' ? t('clerk.member.codeRotating') : t('clerk.member.codeStatic')}
      </p>
      <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
        <div className="rounded-lg bg-stone-50 p-2">
          <dt className="text-xs text-stone-500">{t('clerk.member.points')}</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid="member-points">
            {number(member.pointsBalance)} pt
          </dd>
        </div>
        <div className="rounded-lg bg-stone-50 p-2">
          <dt className="text-xs text-stone-500">{t('clerk.member.tier')}</dt>
          <dd className="text-sm">{member.tier.next ? t('card.tierGap', { amount: yen(member.tier.gapYen), tier: member.tier.next.name }) : t('card.tierTop')}</dd>
        </div>
        <div className="rounded-lg bg-stone-50 p-2">
          <dt className="sr-only">{t('nav.stamps')}</dt>
          <dd className="text-sm font-semibold" data-testid="member-stamps">
            {t('clerk.member.stamps', { count: member.stamps.count, size: member.stamps.cardSize })}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-sm text-amber-900">
        {member.soonestExpiry
          ? t('clerk.member.expiry', { points: number(member.soonestExpiry.points), date: date(member.soonestExpiry.expiresAt) })
          : t('clerk.member.noExpiry')}
      </p>
      {member.checkout && (
        <p role="note" className="mt-2 rounded-lg bg-emerald-50 p-2 text-sm text-emerald-900" data-testid="checkout-open">
          {t('clerk.member.checkoutOpen', { time: time(member.checkout.expiresAt) })}
        </p>
      )}
      {!member.allows.spend && (
        <p role="note" className="mt-2 rounded-lg bg-sky-50 p-2 text-sm text-sky-900">
          {t('clerk.member.spendNeedsRotating')}
        </p>
      )}
    </section>
  );
}
