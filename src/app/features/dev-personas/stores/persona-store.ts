import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Which seeded persona the mocked LIFF browser acts as (client-only state). */
export const usePersonaStore = create<{ personaId: string; setPersonaId: (id: string) => void }>()(
  persist((set) => ({ personaId: 'with-points', setPersonaId: (personaId) => set({ personaId }) }), { name: 'mc-persona' }),
);

/** `?persona=id` in the URL picks the persona too (handy for links, e2e and benchmarks). */
export function personaFromUrl(search: string): string | null {
  return new URLSearchParams(search).get('persona');
}
