import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useScanStore } from '../stores/scan-store';

const CameraScanner = lazy(() => import('./camera-scanner'));

/**
 * Where every scan lands. A keyboard-wedge scanner "types" the code and presses Enter, so the
 * field takes the focus back whenever the clerk is not typing into another field.
 */
export function ScanField() {
  const { t } = useI18n();
  const scan = useScanStore((s) => s.scan);
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [cameraOpen, setCameraOpen] = useState(false);
  const onCameraDetected = useCallback(
    (code: string) => {
      scan(code);
      setCameraOpen(false);
    },
    [scan],
  );

  useEffect(() => {
    const refocus = () => {
      const active = document.activeElement;
      const typingElsewhere = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
      // Without scrolling: a press on a button far down the page moves the focus (and would jump the
      // page to the field) before it is released, and the release would then miss the button.
      if (!typingElsewhere) inputRef.current?.focus({ preventScroll: true });
    };
    const refocusSoon = () => setTimeout(refocus, 0);
    refocus();
    document.addEventListener('focusout', refocusSoon);
    document.addEventListener('click', refocus);
    return () => {
      document.removeEventListener('focusout', refocusSoon);
      document.removeEventListener('click', refocus);
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') return;
    scan(value);
    setValue('');
  };

  return (
    <section className="rounded-2xl bg-white p-4 shadow-sm">
      <form onSubmit={submit} className="flex gap-2">
        <label className="flex flex-1 flex-col gap-1 text-sm font-semibold">
          {t('clerk.scan.label')}
          <input
            ref={inputRef}
            data-scan-field
            className="rounded-lg border-2 border-stone-400 px-3 py-3 font-mono text-xl tracking-wider focus:border-stone-900 focus:outline-none"
            placeholder={t('clerk.scan.placeholder')}
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" className="self-end rounded-lg bg-stone-900 px-4 py-3 font-semibold text-white">
          {t('clerk.scan.submit')}
        </button>
      </form>
      <button type="button" className="mt-2 text-sm text-stone-700 underline" onClick={() => setCameraOpen((open) => !open)}>
        {cameraOpen ? t('clerk.scan.cameraStop') : t('clerk.scan.camera')}
      </button>
      {cameraOpen && (
        <Suspense fallback={null}>
          <CameraScanner onDetected={onCameraDetected} />
        </Suspense>
      )}
    </section>
  );
}
