import { useState, type FormEvent } from 'react';
import { normaliseScannedCode } from '../../../../contract/staff';
import { useI18n } from '../../../lib/i18n';
import { useStaffAction } from '../api/use-staff-action';
import { voidPurchase } from '../api/void-purchase';
import { ActionResult, buttonClass, inputClass, panelClass } from './action-result';

/** Voids a mistaken purchase of this store by its receipt id (no member scan needed). */
export function VoidPurchaseForm() {
  const { t, number } = useI18n();
  const [receiptId, setReceiptId] = useState('');
  const action = useStaffAction(voidPurchase);
  const done = action.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate({ receiptId: normaliseScannedCode(receiptId) });
  };

  return (
    <section aria-label={t('clerk.void.title')} className={panelClass}>
      <h3 className="mb-2 font-semibold">{t('clerk.void.title')}</h3>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t('clerk.void.receipt')}
          <input className={inputClass} value={receiptId} onChange={(e) => setReceiptId(e.target.value)} required />
        </label>
        <button type="submit" className={buttonClass} disabled={action.isPending}>
          {t('clerk.void.submit')}
        </button>
      </form>
      <ActionResult error={action.error} testId="void">
        {done && (
          <>
            <p>{t('clerk.void.done', { receipt: done.receiptId, points: number(done.reversedPoints), balance: number(done.pointsBalance) })}</p>
            {done.unrecoverablePoints > 0 && <p>{t('clerk.void.unrecoverable', { points: number(done.unrecoverablePoints) })}</p>}
          </>
        )}
      </ActionResult>
    </section>
  );
}
