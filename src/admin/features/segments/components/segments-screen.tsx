import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Segment } from '../../../../contract/segments';
import { useI18n } from '../../../lib/i18n';
import { deleteSegment, segmentQueries } from '../api/segment-queries';
import { SegmentBuilder } from './segment-builder';
import { SendComposer } from './send-composer';
import { SendsList } from './sends-list';

function SegmentList({ onEdit }: { onEdit: (segment: Segment) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const segments = useQuery(segmentQueries.list());
  const remove = useMutation({ mutationFn: deleteSegment, onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentQueries.all() }) });
  return (
    <section className="rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="segment-list-title">
      <h2 id="segment-list-title" className="text-base font-semibold">
        {t('seg.list.title')}
      </h2>
      {segments.data?.segments.length === 0 && <p className="text-sm text-stone-600">{t('seg.list.empty')}</p>}
      <ul>
        {segments.data?.segments.map((segment) => (
          <li key={segment.id} className="flex items-center gap-2 border-b border-stone-100 py-2 text-sm">
            <span className="font-semibold">{segment.name}</span>
            <span className="text-stone-600">{t('seg.list.members', { count: segment.members })}</span>
            <button type="button" className="ml-auto rounded-full border border-stone-300 px-3 py-1 text-xs" onClick={() => onEdit(segment)}>
              {t('seg.list.edit')}
            </button>
            <button type="button" className="rounded-full border border-red-300 px-3 py-1 text-xs text-red-800" onClick={() => remove.mutate(segment.id)}>
              {t('seg.delete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Segment messages: build and save segments (live size), compose and send to one, follow each send's report. */
export function SegmentsScreen() {
  const [editing, setEditing] = useState<{ segment: Segment; justSaved: boolean } | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 lg:grid-cols-2">
        {/* A new key per segment edited starts the builder from that segment's filter. */}
        <SegmentBuilder key={editing?.segment.id ?? 'new'} editing={editing?.segment ?? null} justSaved={editing?.justSaved ?? false} onSaved={(segment) => setEditing({ segment, justSaved: true })} />
        <SegmentList onEdit={(segment) => setEditing({ segment, justSaved: false })} />
      </div>
      <SendComposer />
      <SendsList />
    </div>
  );
}
