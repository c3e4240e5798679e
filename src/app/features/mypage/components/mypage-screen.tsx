import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useI18n } from '../../../lib/i18n';
import { useWithdrawAccount } from '../api/withdraw-account';

/** What withdrawal takes away, said in the confirmation. */
export type WithdrawalStakes = { pointsBalance: number; usableCoupons: number };

/**
 * The shopper's own page. Its parts come from the features that own them (profile, link,
 * line-client), put together by the route, so this feature reaches into none of them.
 */
export function MyPageScreen({ profile, card, notices, stakes }: { profile: ReactNode; card: ReactNode; notices: ReactNode; stakes: WithdrawalStakes | undefined }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="mypage-title" className="space-y-6 px-4 py-4">
      <h2 id="mypage-title" className="text-base font-semibold">
        {t('mypage.title')}
      </h2>
      <Part title={t('mypage.profile.title')}>{profile}</Part>
      <Part title={t('mypage.card.title')}>{card}</Part>
      <Part title={t('mypage.notices.title')}>{notices}</Part>
      <Part title={t('mypage.legal.title')}>
        <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
          <li>
            <Link href="/terms" className="flex min-h-12 items-center justify-between px-4 text-sm">
              {t('terms.title')} <span aria-hidden>›</span>
            </Link>
          </li>
          <li>
            <Link href="/privacy" className="flex min-h-12 items-center justify-between px-4 text-sm">
              {t('privacy.title')} <span aria-hidden>›</span>
            </Link>
          </li>
        </ul>
      </Part>
      <Part title={t('mypage.account.title')}>
        <Withdrawal stakes={stakes} />
      </Part>
    </section>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h3 className="px-1 text-sm font-semibold text-stone-600">{title}</h3>
      {children}
    </section>
  );
}

function Withdrawal({ stakes }: { stakes: WithdrawalStakes | undefined }) {
  const { t, number } = useI18n();
  const withdraw = useWithdrawAccount();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <p className="text-xs text-stone-500">{t('withdraw.hint')}</p>
      <button type="button" className="mt-2 min-h-11 rounded-lg border border-red-300 px-4 text-sm font-semibold text-red-700" onClick={() => setConfirming(true)}>
        {t('withdraw.action')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('withdraw.title')}
          confirmLabel={t('withdraw.confirm')}
          cancelLabel={t('dialog.cancel')}
          busy={withdraw.isPending}
          error={withdraw.error}
          onCancel={() => {
            setConfirming(false);
            withdraw.reset();
          }}
          onConfirm={() => withdraw.mutate()}
        >
          {stakes && (
            <p className="font-semibold text-red-800" data-testid="withdraw-stakes">
              {t('withdraw.lose', { points: number(stakes.pointsBalance), coupons: number(stakes.usableCoupons) })}
            </p>
          )}
          <p>{t('withdraw.erase')}</p>
          <p>{t('withdraw.again')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
