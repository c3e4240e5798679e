import { useState, type FormEvent } from 'react';
import { normaliseScannedCode, type StaffMemberView } from '../../../../contract/staff';
import { useI18n } from '../../../lib/i18n';
import { memberReference } from '../api/member-queries';
import { redeemPoints } from '../api/redeem-points';
import { useStaffAction } from '../api/use-staff-action';
import { ActionResult, buttonClass, inputClass, panelClass } from './action-result';

export function RedeemPointsForm({ member }: { member: StaffMemberView }) {
  const { t, number } = useI18n();
  const [points, setPoints] = useState('');
  const action = useStaffAction(redeemPoints);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate({ ...memberReference(member), points: Number(normaliseScannedCode(points).replace(/,/g, '')) });
  };

  return (
    <section aria-label={t('clerk.points.title')} className={panelClass}>
      <h3 className="mb-2 font-semibold">{t('clerk.points.title')}</h3>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t('clerk.points.amount')}
          <input className={inputClass} inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value)} required />
        </label>
        <button type="submit" className={buttonClass} disabled={action.isPending || !member.allows.spend}>
          {t('clerk.points.submit')}
        </button>
      </form>
      <ActionResult
        error={action.error}
        testId="points"
        refusalVars={action.variables && { balance: number(member.pointsBalance), points: number(action.variables.points) }}
      >
        {action.data && t('clerk.points.done', { points: number(action.data.points), balance: number(action.data.pointsBalance) })}
      </ActionResult>
    </section>
  );
}
