import { create } from 'zustand';
import { classifyScan } from '../lib/classify-scan';

type ScanState = {
  /** The member code the clerk scanned (client state); the member behind it is server state in react-query. */
  code: string | null;
  /** A coupon scanned while a member is shown: it waits in that member's coupon form. */
  couponCode: string;
  /** A coupon scanned with no member on screen: the clerk is asked to scan the card first. */
  couponWithoutMember: boolean;
  /** Bumped by 「次のお客様」 and log out: every form of the register is keyed by it and starts empty. */
  checkout: number;
  scan: (raw: string) => void;
  setCouponCode: (code: string) => void;
  clear: () => void;
};

export const useScanStore = create<ScanState>()((set, get) => ({
  code: null,
  couponCode: '',
  couponWithoutMember: false,
  checkout: 0,
  scan: (raw) => {
    const scanned = classifyScan(raw);
    if (scanned.code === '') return;
    if (scanned.kind === 'coupon') {
      // A coupon applies to the shopper on screen; it never replaces them.
      if (get().code === null) set({ couponWithoutMember: true });
      else set({ couponCode: scanned.code, couponWithoutMember: false });
      return;
    }
    // A member number, rotating code or paper-card number (re)identifies the shopper; the
    // rotating code of the shopper on screen keeps their forms (they are keyed by member number).
    const current = get().code;
    const sameShopper = current !== null && current.slice(0, 13) === scanned.code.slice(0, 13);
    set({ code: scanned.code, couponWithoutMember: false, ...(sameShopper ? {} : { couponCode: '' }) });
  },
  setCouponCode: (couponCode) => set({ couponCode }),
  clear: () => set((state) => ({ code: null, couponCode: '', couponWithoutMember: false, checkout: state.checkout + 1 })),
}));
