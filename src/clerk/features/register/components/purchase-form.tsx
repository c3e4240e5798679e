import { useState, type FormEvent } from 'react';
import { normaliseScannedCode, type StaffMemberView } from '../../../../contract/staff';
import { useI18n } from '../../../../shared/i18n';
import { recordPurchase } from '../api/record-purchase';
import { useStaffAction } from '../api/use-staff-action';
import { ActionResult, buttonClass, inputClass, panelClass } from './action-result';

export function PurchaseForm({ member }: { member: StaffMemberView }) {
  const { t, yen, number } = useI18n();
  const [amount, setAmount] = useState('');
  const [receiptId, setReceiptId] = useState('');
  const action = useStaffAction(recordPurchase);
  const done = action.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate({ memberCode: member.memberCode, amountYen: Number(normaliseScannedCode(amount).replace(/[,¥￥]/g, '')), receiptId: normaliseScannedCode(receiptId) });
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
            {done.rewardCoupon && <p>{t('clerk.purchase.reward', { title: done.rewardCoupon.title })}</p>}
          </>
        )}
      </ActionResult>
    </section>
  );
}
