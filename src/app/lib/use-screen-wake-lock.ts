import { useEffect } from 'react';

/**
 * Keeps the screen on while a scannable code is shown (the clerk may take a while to scan).
 * The browser drops the lock when the page is hidden, so it is taken again on return.
 */
export function useScreenWakeLock(active: boolean) {
  useEffect(() => {
    if (!active || !('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | undefined;
    let released = false;
    const acquire = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        sentinel = await navigator.wakeLock.request('screen');
      } catch {
        // Refused (battery saver, unsupported context): the card still works, the screen may dim.
      }
      if (released) void sentinel?.release();
    };
    void acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      released = true;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release();
    };
  }, [active]);
}
