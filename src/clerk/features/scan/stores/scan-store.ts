import { create } from 'zustand';
import { normaliseScannedCode } from '../../../../contract/staff';

/** The code the clerk scanned (client state); the member behind it is server state in react-query. */
export const useScanStore = create<{ code: string | null; scan: (raw: string) => void; clear: () => void }>()((set) => ({
  code: null,
  scan: (raw) => {
    const code = normaliseScannedCode(raw);
    set({ code: code === '' ? null : code });
  },
  clear: () => set({ code: null }),
}));
