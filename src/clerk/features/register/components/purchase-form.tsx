import { useState, type FormEvent } from 'react';
import { normaliseScannedCode, type StaffMemberView } from '../../../../contract/staff';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../../shared/api/request';
import { memberReference } from '../api/member-queries';
import { recordPurchase } from '../api/record-purchase';
import { useStaffAction } from '../api/use-staff-action';
import { ActionResult, buttonClass, inputClass, panelClass } from './action-result';

/** Refusals that mean "a manager must co-sign": the approval fields appear (or stay) for another try. */
const APPROVAL_CODES = new Set(['approval_required', 'approval_invalid', 'approval_self', 'approval_not_allowed', 'approver_locked']);

export function PurchaseForm({ member }: { member: StaffMemberView }) {
  const { t, yen, number, localised } = useI18n();
  const [amount, setAmount] = useState('');
  const [receiptId, setReceiptId] = useState('');
  const [approver, setApprover] = useState('');
  const [approverPassword, setApproverPassword] = useState('');
  const [approvalAsked, setApprovalAsked] = useState(false);
  const action = useStaffAction(recordPurchase);
  const done = action.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const approval = approvalAsked && approver && approverPassword ? { username: approver, password: approverPassword } : undefined;
    action.mutate(
      {
        ...memberReference(member),
        amountYen: Number(normaliseScannedCode(amount).replace(/[,¥￥]/g, '')),
        receiptId: normaliseScannedCode(receiptId),
        ...(approval ? { approval } : {}),
      },
      {
        onSuccess: () => {
          // The manager's password is not kept on the register once it has served.
          setApprovalAsked(false);
          setApprover('');
          setApproverPassword('');
        },
        onError: (error) => {
          if (error instanceof ApiError && APPROVAL_CODES.has(error.code)) setApprovalAsked(true);
          setApproverPassword('');
        },
      },
    );
  };

  return (
    <section aria-label={t('clerk.purchase.title')} className={panelClass}>
      <h3 className="mb-2 font-semibold">{t('clerk.purchase.title')}</h3>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t('clerk.purchase.amount')}
          <input className={inputClass} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} required />
        </label>
        <label className="flex flex-col text-sm">
          {t('clerk.purchase.receipt')}
          <input className={inputClass} value={receiptId} onChange={(e) => setReceiptId(e.target.value)} required />
        </label>
        {approvalAsked && (
          <fieldset className="flex w-full flex-wrap items-end gap-2 rounded-lg border border-amber-300 bg-amber-50 p-2" data-testid="purchase-approval">
            <legend className="px-1 text-sm font-semibold">{t('clerk.approval.title')}</legend>
            <p className="w-full text-sm">{t('clerk.approval.hint')}</p>
            <label className="flex flex-col text-sm">
              {t('clerk.approval.username')}
              <input className={inputClass} autoComplete="off" value={approver} onChange={(e) => setApprover(e.target.value)} required />
            </label>
            <label className="flex flex-col text-sm">
              {t('clerk.approval.password')}
              <input
                className={inputClass}
                type="password"
                autoComplete="off"
                value={approverPassword}
                onChange={(e) => setApproverPassword(e.target.value)}
                required
              />
            </label>
          </fieldset>
        )}
        <button type="submit" className={buttonClass} disabled={action.isPending || !member.allows.earn}>
          {t('clerk.purchase.submit')}
        </button>
      </form>
      <ActionResult error={action.error} testId="purchase">
        {done && (
          <>
            <p>
              {t(done.replayed ? 'clerk.purchase.replayed' : 'clerk.purchase.done', {
                amount: yen(done.amountYen),
                points: number(done.pointsEarned),
                balance: number(done.pointsBalance),
              })}
            </p>
            {done.stampAwarded && <p>{t('clerk.purchase.stamp')}</p>}
            {done.rewardCoupon && <p>{t('clerk.purchase.reward', { title: localised(done.rewardCoupon.title) })}</p>}
          </>
        )}
      </ActionResult>
    </section>
  );
}
