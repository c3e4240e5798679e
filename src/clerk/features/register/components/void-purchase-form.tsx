import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { normaliseScannedCode, type PurchasePreview } from '../../../../contract/staff';
import { refusalText } from '../../../../staff-kit/lib/refusal-text';
import { useI18n } from '../../../lib/i18n';
import { purchaseQueries } from '../api/purchase-queries';
import { useStaffAction } from '../api/use-staff-action';
import { voidPurchase } from '../api/void-purchase';
import { ActionResult, buttonClass, dangerButtonClass, inputClass, panelClass, secondaryButtonClass } from './action-result';

/**
 * Voids a mistaken purchase of this store by its receipt id (no member scan needed), in two steps:
 * the clerk first sees the purchase the void would undo (amount, points, when, member), then confirms.
 */
export function VoidPurchaseForm() {
  const { t, number } = useI18n();
  const queryClient = useQueryClient();
  const [receiptId, setReceiptId] = useState('');
  const [checking, setChecking] = useState<string | null>(null);
  const preview = useQuery({ ...purchaseQueries.byReceipt(checking ?? ''), enabled: checking !== null });
  const action = useStaffAction(voidPurchase);
  const done = action.data;

  const check = (event: FormEvent) => {
    event.preventDefault();
    action.reset();
    setChecking(normaliseScannedCode(receiptId));
  };
  const confirm = (purchase: PurchasePreview) =>
    action.mutate(
      { receiptId: purchase.receiptId },
      { onSuccess: () => queryClient.removeQueries({ queryKey: purchaseQueries.all() }), onSettled: () => setChecking(null) },
    );

  return (
    <section aria-label={t('clerk.void.title')} className={panelClass}>
      <h3 className="mb-2 font-semibold">{t('clerk.void.title')}</h3>
      <form onSubmit={check} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t('clerk.void.receipt')}
          <input
            className={inputClass}
            value={receiptId}
            onChange={(e) => {
              setReceiptId(e.target.value);
              setChecking(null);
            }}
            required
          />
        </label>
        <button type="submit" className={buttonClass} disabled={preview.isFetching}>
          {t('clerk.void.check')}
        </button>
      </form>
      {checking !== null && preview.isError && (
        <p role="alert" className="mt-2 rounded-lg bg-red-50 p-3 text-sm font-semibold text-red-900" data-testid="void-error">
          {t('clerk.error', { message: refusalText(preview.error, t) })}
        </p>
      )}
      {checking !== null && preview.data && (
        <VoidPreview purchase={preview.data} pending={action.isPending} onConfirm={() => confirm(preview.data)} onCancel={() => setChecking(null)} />
      )}
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

function VoidPreview({ purchase, pending, onConfirm, onCancel }: { purchase: PurchasePreview; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t, yen, number, date, time, localised } = useI18n();
  const rows: Array<[string, string]> = [
    [t('clerk.purchase.receipt'), purchase.receiptId],
    [t('clerk.void.previewAmount'), yen(purchase.amountYen)],
    [t('clerk.void.previewPoints'), `+${number(purchase.pointsEarned)} pt`],
    [t('clerk.void.previewWhen'), `${date(purchase.at)} ${time(purchase.at)}`],
    ...(purchase.storeName ? [[t('clerk.void.previewStore'), localised(purchase.storeName)] as [string, string]] : []),
    ...(purchase.memberNumber ? [[t('clerk.void.previewMember'), purchase.memberNumber] as [string, string]] : []),
  ];
  return (
    <div className="mt-3 rounded-lg border-2 border-red-300 bg-red-50 p-3 text-sm" data-testid="void-preview">
      <h4 className="font-semibold text-red-900">{t('clerk.void.preview')}</h4>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-stone-700">{term}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {purchase.stampAwarded && purchase.voidedAt === null && <p className="mt-2">{t('clerk.void.previewStamp')}</p>}
      {purchase.voidedAt !== null && (
        <p className="mt-2 font-semibold text-red-900">{t('clerk.void.alreadyVoided', { date: `${date(purchase.voidedAt)} ${time(purchase.voidedAt)}` })}</p>
      )}
      <div className="mt-3 flex gap-2">
        {purchase.voidedAt === null && (
          <button type="button" className={dangerButtonClass} disabled={pending} onClick={onConfirm}>
            {t('clerk.void.submit')}
          </button>
        )}
        <button type="button" className={secondaryButtonClass} onClick={onCancel}>
          {t('clerk.void.cancel')}
        </button>
      </div>
    </div>
  );
}
