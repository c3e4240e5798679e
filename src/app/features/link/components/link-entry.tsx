import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../../lib/i18n';
import { linkQueries } from '../api/link-queries';

/** Under the card: the way in to linking a paper card or web membership, while none is linked. */
export function LinkEntry() {
  const { t } = useI18n();
  const status = useQuery(linkQueries.status());
  if (!status.data || status.data.link) return null;
  return (
    <Link href="/link" className="mx-auto mb-3 flex w-full max-w-[366px] items-center justify-between rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200" data-testid="link-entry">
      <span>{t('link.entry')}</span>
      <span className="font-semibold text-rose-700">{t('link.entryAction')} ›</span>
    </Link>
  );
}
