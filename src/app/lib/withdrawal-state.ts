import { create } from 'zustand';

/**
 * After a withdrawal this tab shows the goodbye screen, also after a reload or a back swipe, until
 * the shopper asks to register anew: with ID-first registration any session call would silently
 * create a new member. Kept in sessionStorage, which a new LIFF window does not share.
 */
const STORAGE_KEY = 'mc-withdrawn';

function readMarker(): boolean {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false; // storage disabled: the goodbye lasts until this page is left
  }
}

export const useWithdrawalState = create<{ withdrawn: boolean }>(() => ({ withdrawn: readMarker() }));

export function isWithdrawnHere(): boolean {
  return useWithdrawalState.getState().withdrawn;
}

export function markWithdrawn() {
  try {
    sessionStorage.setItem(STORAGE_KEY, '1');
  } catch {
    // As above: the in-memory state still holds the goodbye screen.
  }
  useWithdrawalState.setState({ withdrawn: true });
}

/** The shopper chose to register again (or, in development, another persona). */
export function clearWithdrawn() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
  useWithdrawalState.setState({ withdrawn: false });
}
