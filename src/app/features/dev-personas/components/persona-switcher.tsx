import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { apiRequest } from '../../../lib/api-client';
import { clearCachedCard } from '../../../lib/card-cache';
import { clearWithdrawn } from '../../../lib/withdrawal-state';
import { personaQueries } from '../api/persona-identity';
import { usePersonaStore } from '../stores/persona-store';
import { z } from 'zod/mini';

/** Development only: act as another seeded persona (ends the BFF session, then reloads as them). */
export default function PersonaSwitcher() {
  const { t } = useI18n();
  const { personaId, setPersonaId } = usePersonaStore();
  const personas = useQuery(personaQueries.list());

  async function switchTo(id: string) {
    setPersonaId(id);
    clearCachedCard(); // the next open must not flash the previous persona's card
    clearWithdrawn(); // nor the goodbye of a persona who withdrew
    await apiRequest('/api/session', z.null(), { method: 'DELETE', retryOnUnauthorized: false });
    const url = new URL(window.location.href);
    url.searchParams.delete('persona');
    window.location.replace(url);
  }

  return (
    <label className="mx-3 mb-6 flex flex-col gap-1 rounded-lg border border-dashed border-stone-300 px-3 py-2 text-xs text-stone-600">
      {t('dev.persona')}
      <select className="w-full rounded border border-stone-200 bg-white p-2 text-sm" value={personaId} onChange={(e) => void switchTo(e.target.value)}>
        {personas.data?.personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName} — {p.description}
          </option>
        ))}
      </select>
    </label>
  );
}
