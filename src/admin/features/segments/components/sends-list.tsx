import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SendSummary } from '../../../../contract/segments';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { cancelSend, sendNow, sendQueries } from '../api/segment-queries';

function Report({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const report = useQuery(sendQueries.report(id));
  if (!report.data) return null;
  const percent = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'percent', maximumFractionDigits: 1 });
  const end = report.data.windowEnd ? new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium' }).format(new Date(report.data.windowEnd)) : '—';
  const cell = (action: { members: number; rate: number | null }) => t('seg.report.cell', { count: action.members, rate: action.rate === null ? '—' : percent.format(action.rate) });
  return (
    <div className="overflow-x-auto" data-testid="send-report">
      <p className="text-xs text-stone-600">{t('seg.report.window', { days: report.data.send.reportDays, end })}</p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col">{t('seg.report.group')}</th>
            <th scope="col">{t('seg.report.assigned')}</th>
            <th scope="col">{t('seg.report.sent')}</th>
            <th scope="col">{t('seg.report.links')}</th>
            <th scope="col">{t('seg.report.purchases')}</th>
            <th scope="col">{t('seg.report.coupons')}</th>
          </tr>
        </thead>
        <tbody>
          {report.data.groups.map((group) => (
            <tr key={group.group}>
              <th scope="row">{group.group === 'holdout' ? t('seg.report.group.holdout') : group.group}</th>
              <td>{group.assigned}</td>
              <td>{group.sent}</td>
              <td>{cell(group.links)}</td>
              <td>{cell(group.purchases)}</td>
              <td>{cell(group.couponRedemptions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SendRow({ send }: { send: SendSummary }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: sendQueries.all() });
  const cancel = useMutation({ mutationFn: () => cancelSend(send.id), onSuccess: invalidate });
  const now = useMutation({ mutationFn: () => sendNow(send.id), onSuccess: invalidate });
  const at = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(send.scheduledAt));
  const reasons = Object.entries(send.skipped)
    .map(([reason, count]) => t(`seg.skip.${reason}` as MessageKey, { count }))
    .join('、');
  const first = send.variants[0]?.message;
  return (
    <li className="flex flex-col gap-2 border-b border-stone-200 py-3" data-testid="send-row">
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">{t(`seg.sends.status.${send.status}`)}</span>
        <span className="font-semibold">{send.segmentName}</span>
        <span className="text-xs text-stone-600">{at}</span>
        <span className="truncate text-sm text-stone-700">{first ? (first.kind === 'text' ? first.text : first.title) : ''}</span>
      </div>
      <p className="text-sm">{t('seg.sends.summary', { recipients: send.recipients, sent: send.sent, failed: send.failed, pending: send.pending })}</p>
      {reasons && <p className="text-xs text-stone-600">{t('seg.sends.skipped', { reasons })}</p>}
      <div className="flex gap-2">
        {send.status === 'scheduled' && (
          <>
            <button type="button" className="rounded-full border border-stone-300 px-3 py-1 text-xs" onClick={() => now.mutate()}>
              {t('seg.sends.sendNow')}
            </button>
            <button type="button" className="rounded-full border border-red-300 px-3 py-1 text-xs text-red-800" onClick={() => cancel.mutate()}>
              {t('seg.sends.cancel')}
            </button>
          </>
        )}
        <button type="button" className="rounded-full border border-stone-300 px-3 py-1 text-xs" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('seg.sends.report')}
        </button>
      </div>
      {open && <Report id={send.id} />}
    </li>
  );
}

/** Every send with its delivery figures; a send's report per variant and hold-out on demand. */
export function SendsList() {
  const { t } = useI18n();
  const sends = useQuery(sendQueries.list());
  return (
    <section className="rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="sends-title">
      <h2 id="sends-title" className="text-base font-semibold">
        {t('seg.sends.title')}
      </h2>
      {sends.data?.sends.length === 0 && <p className="text-sm text-stone-600">{t('seg.sends.empty')}</p>}
      <ul>
        {sends.data?.sends.map((send) => (
          <SendRow key={send.id} send={send} />
        ))}
      </ul>
    </section>
  );
}
