import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorPanel, Loading } from '../../../components/status';
import { useI18n } from '../../../lib/i18n';
import { useUnlinkMembership } from '../api/link-membership';
import { linkQueries } from '../api/link-queries';

/** The linked membership card and its unlink button, which asks first and says what changes. */
export function LinkedCard({ number, onUnlinked }: { number: string; onUnlinked?: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const unlink = useUnlinkMembership(() => {
    setConfirming(false);
    onUnlinked?.();
  });
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <p className="text-sm" data-testid="linked-number">
        {t('link.linked', { number })}
      </p>
      <button type="button" onClick={() => setConfirming(true)} className="mt-3 min-h-11 rounded-lg border border-stone-300 px-4 text-sm">
        {t('link.unlink')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('link.unlinkTitle')}
          confirmLabel={t('link.unlinkConfirm')}
          cancelLabel={t('dialog.cancel')}
          busy={unlink.isPending}
          error={unlink.error}
          onCancel={() => {
            setConfirming(false);
            unlink.reset();
          }}
          onConfirm={() => unlink.mutate()}
        >
          <p>{t('link.unlinkBody', { number })}</p>
          <p>{t('link.unlinkNoIncentive')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** My page's part: the linked card with its unlink, or the way in to linking one. */
export function LinkedCardSection() {
  const { t } = useI18n();
  const status = useQuery(linkQueries.status());
  const [unlinked, setUnlinked] = useState(false);
  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorPanel error={status.error} onRetry={() => status.refetch()} />;
  const link = status.data.link;
  return (
    <div className="space-y-2">
      {unlinked && !link && (
        <p role="status" className="rounded-lg bg-stone-100 p-3 text-sm">
          {t('link.unlinked')}
        </p>
      )}
      {link ? (
        <LinkedCard number={link.crmMemberNumber} onUnlinked={() => setUnlinked(true)} />
      ) : (
        <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <p className="text-sm text-stone-600">{t('mypage.card.none')}</p>
          <Link href="/link" className="mt-2 flex min-h-11 items-center font-semibold text-rose-700">
            {t('mypage.card.link')} ›
          </Link>
        </div>
      )}
    </div>
  );
}
