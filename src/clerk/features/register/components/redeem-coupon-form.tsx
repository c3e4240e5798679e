import type { FormEvent } from 'react';
import { normaliseScannedCode, type StaffMemberView } from '../../../../contract/staff';
import { useI18n } from '../../../lib/i18n';
import { memberReference } from '../api/member-queries';
import { redeemCoupon } from '../api/redeem-coupon';
import { useStaffAction } from '../api/use-staff-action';
import { ActionResult, buttonClass, inputClass, panelClass } from './action-result';
import { couponDiscountText } from './member-panel';

/** A coupon by its code (scanned into this field or typed), or picked from the member's usable coupons. */
/** The code is held by the shell: a coupon scanned into the scan field lands here too. */
export function RedeemCouponForm({
  member,
  couponCode,
  setCouponCode,
}: {
  member: StaffMemberView;
  couponCode: string;
  setCouponCode: (code: string) => void;
}) {
  const { t, yen, date, localised } = useI18n();
  const action = useStaffAction(redeemCoupon);
  const redeem = (code: string) => action.mutate({ ...memberReference(member), couponCode: normaliseScannedCode(code) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    redeem(couponCode);
  };

  return (
    <section aria-label={t('clerk.coupon.title')} className={panelClass}>
      <h3 className="mb-2 font-semibold">{t('clerk.coupon.title')}</h3>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t('clerk.coupon.code')}
          <input className={inputClass} value={couponCode} onChange={(e) => setCouponCode(e.target.value)} required />
        </label>
        <button type="submit" className={buttonClass} disabled={action.isPending || !member.allows.spend}>
          {t('clerk.coupon.submit')}
        </button>
      </form>
      <h4 className="mt-3 text-sm text-stone-600">{t('clerk.member.coupons')}</h4>
      {member.usableCoupons.length === 0 ? (
        <p className="text-sm text-stone-500">{t('clerk.member.noCoupons')}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1">
          {member.usableCoupons.map((coupon) => (
            <li key={coupon.id} className="flex items-center justify-between gap-2 rounded-lg bg-stone-50 p-2 text-sm">
              <span>
                <strong>{localised(coupon.title)}</strong> · {couponDiscountText(coupon, t, yen)} · {t('coupons.validity', { from: date(coupon.validFrom), until: date(coupon.validUntil) })}
              </span>
              <button type="button" className={buttonClass} disabled={action.isPending || !member.allows.spend} onClick={() => redeem(coupon.code)}>
                {t('clerk.coupon.use')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ActionResult error={action.error} testId="coupon">
        {action.data && t('clerk.coupon.done', { title: localised(action.data.coupon.title) })}
      </ActionResult>
    </section>
  );
}
