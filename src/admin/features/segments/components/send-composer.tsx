import { useDeferredValue, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SendMessageSchema, type RenderedMessage, type SendMessage, type SendVariant } from '../../../../contract/segments';
import { useI18n } from '../../../lib/i18n';
import { createSend, segmentQueries, sendQueries } from '../api/segment-queries';

const field = 'rounded border border-stone-300 px-2 py-1 text-sm';
const PLACEHOLDER_HINT = { name: '{name}', balance: '{balance}', expiringPoints: '{expiringPoints}', expiryDate: '{expiryDate}' };

function MessageEditor({ variant, message, onChange }: { variant: 'A' | 'B'; message: SendMessage; onChange: (message: SendMessage) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="flex flex-col gap-2 rounded-xl border border-stone-200 p-3">
      <legend className="px-1 text-sm font-semibold">{t('seg.compose.variant', { key: variant })}</legend>
      <label className="flex flex-col text-xs">
        {t('seg.compose.kind')}
        <select
          className={field}
          value={message.kind}
          onChange={(e) => onChange(e.target.value === 'card' ? { kind: 'card', title: '', body: message.kind === 'text' ? message.text : message.body } : { kind: 'text', text: message.kind === 'card' ? message.body : message.text })}
        >
          <option value="text">{t('seg.compose.kind.text')}</option>
          <option value="card">{t('seg.compose.kind.card')}</option>
        </select>
      </label>
      {message.kind === 'card' && (
        <label className="flex flex-col text-xs">
          {t('seg.compose.cardTitle')} ({variant})
          <input className={field} value={message.title} maxLength={80} onChange={(e) => onChange({ ...message, title: e.target.value })} />
        </label>
      )}
      <label className="flex flex-col text-xs">
        {t('seg.compose.text')} ({variant})
        <textarea
          className={field}
          rows={3}
          maxLength={1000}
          value={message.kind === 'text' ? message.text : message.body}
          onChange={(e) => onChange(message.kind === 'text' ? { kind: 'text', text: e.target.value } : { ...message, body: e.target.value })}
        />
      </label>
      {message.kind === 'card' && <p className="text-xs text-stone-600">{t('seg.compose.placeholders', PLACEHOLDER_HINT)}</p>}
    </fieldset>
  );
}

function Rendered({ rendered }: { rendered: RenderedMessage }) {
  if (rendered.kind === 'text') return <p className="whitespace-pre-wrap rounded-2xl bg-emerald-50 p-3 text-sm">{rendered.text}</p>;
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-3 shadow-sm">
      <p className="font-bold">{rendered.title}</p>
      <p className="whitespace-pre-wrap text-sm">{rendered.body}</p>
    </div>
  );
}

/** Renders the message as one member of the segment receives it; the admin picks which member. */
function Preview({ segmentId, message }: { segmentId: string; message: SendMessage }) {
  const { t } = useI18n();
  const [memberNumber, setMemberNumber] = useState<string | null>(null);
  const deferred = useDeferredValue(message);
  const valid = SendMessageSchema.safeParse(deferred).success;
  const preview = useQuery({ ...segmentQueries.preview({ segmentId, message: deferred, memberNumber }), enabled: valid });
  const data = preview.data;
  return (
    <section className="flex flex-col gap-2" aria-labelledby="send-preview-title" data-testid="send-preview">
      <h3 id="send-preview-title" className="text-sm font-semibold">
        {t('seg.preview.title')}
      </h3>
      {data && data.sample.length > 0 && (
        <label className="flex flex-col text-xs">
          {t('seg.preview.member')}
          <select className={field} value={memberNumber ?? data.member?.memberNumber ?? ''} onChange={(e) => setMemberNumber(e.target.value)}>
            {data.sample.map((member) => (
              <option key={member.memberNumber} value={member.memberNumber}>
                {member.displayName ? `${member.displayName}（${member.memberNumber}）` : member.memberNumber}
              </option>
            ))}
          </select>
        </label>
      )}
      {data && !data.member && <p className="text-sm text-stone-600">{t('seg.preview.none')}</p>}
      {data?.member && data.rendered && (
        <>
          <p className="text-xs text-stone-600">{t('seg.preview.as', { member: data.member.displayName ?? data.member.memberNumber })}</p>
          <Rendered rendered={data.rendered} />
        </>
      )}
    </section>
  );
}

const toJstInstant = (local: string) => new Date(`${local}:00+09:00`).toISOString();

/** A message to a saved segment: variants, hold-out, measuring window, now or at a time; previewed per member. */
export function SendComposer() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const segments = useQuery(segmentQueries.list());
  const [segmentId, setSegmentId] = useState('');
  const [a, setA] = useState<SendMessage>({ kind: 'text', text: '' });
  const [b, setB] = useState<SendMessage | null>(null);
  const [holdoutPercent, setHoldout] = useState(0);
  const [reportDays, setReportDays] = useState(7);
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState('');
  const send = useMutation({
    mutationFn: () => {
      const variants: SendVariant[] = [{ key: 'A', message: a }, ...(b ? [{ key: 'B' as const, message: b }] : [])];
      return createSend({ segmentId, variants, holdoutPercent, reportDays, scheduledAt: when === 'now' ? null : toJstInstant(at) });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sendQueries.all() }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="send-composer-title">
      <h2 id="send-composer-title" className="text-base font-semibold">
        {t('seg.compose.title')}
      </h2>
      <label className="flex flex-col text-xs">
        {t('seg.compose.segment')}
        <select className={field} value={segmentId} onChange={(e) => setSegmentId(e.target.value)} required>
          <option value="">{t('seg.compose.chooseSegment')}</option>
          {segments.data?.segments.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}（{t('seg.list.members', { count: segment.members })}）
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-3 md:grid-cols-2">
        <div className="flex flex-col gap-3">
          <MessageEditor variant="A" message={a} onChange={setA} />
          {b ? <MessageEditor variant="B" message={b} onChange={setB} /> : null}
          <button type="button" className="self-start rounded-full border border-stone-300 px-3 py-1 text-xs" onClick={() => setB(b ? null : { kind: 'text', text: '' })}>
            {b ? t('seg.compose.removeB') : t('seg.compose.addB')}
          </button>
        </div>
        {segmentId && <Preview segmentId={segmentId} message={a} />}
      </div>
      <div className="flex flex-wrap gap-3">
        <label className="flex flex-col text-xs">
          {t('seg.compose.holdout')}
          <input type="number" min={0} max={90} className={field} value={holdoutPercent} onChange={(e) => setHoldout(Number(e.target.value))} />
        </label>
        <label className="flex flex-col text-xs">
          {t('seg.compose.reportDays')}
          <input type="number" min={1} max={90} className={field} value={reportDays} onChange={(e) => setReportDays(Number(e.target.value))} />
        </label>
        <fieldset className="flex items-end gap-3 text-xs">
          <legend className="mb-1">{t('seg.compose.when')}</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
            {t('seg.compose.now')}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="when" checked={when === 'at'} onChange={() => setWhen('at')} />
            {t('seg.compose.at')}
          </label>
          {when === 'at' && <input type="datetime-local" aria-label={t('seg.compose.at')} className={field} value={at} onChange={(e) => setAt(e.target.value)} required />}
        </fieldset>
      </div>
      {send.error && (
        <p role="alert" className="text-sm text-red-800">
          {t('admin.error', { message: send.error.message })}
        </p>
      )}
      {send.isSuccess && <p className="text-sm text-emerald-800">{t('seg.compose.done')}</p>}
      <button type="submit" className="self-start rounded-full bg-emerald-700 px-4 py-1.5 text-sm text-white" disabled={send.isPending || !segmentId}>
        {when === 'now' ? t('seg.compose.submit') : t('seg.compose.submitScheduled')}
      </button>
    </form>
  );
}
