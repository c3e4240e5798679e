import { create } from 'zustand';
import type { DashboardRange } from '../../../../contract/dashboard';
import { addDays, todayJst } from '../../../lib/jst-days';

/** The chosen date range (UI state, not server data): by default the 30 days up to yesterday in JST. */
export const useRangeStore = create<{ range: DashboardRange; setRange: (range: DashboardRange) => void }>()((set) => {
  const yesterday = addDays(todayJst(), -1);
  return { range: { from: addDays(yesterday, -29), to: yesterday }, setRange: (range) => set({ range }) };
});
