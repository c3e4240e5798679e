import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { createBarcodeReader, scannedText } from '../lib/barcode-reader';

const SCAN_INTERVAL_MS = 150;

/** Reads codes from the rear camera until one is found. Loaded only when the clerk opens it. */
export default function CameraScanner({ onDetected }: { onDetected: (code: string) => void }) {
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function start() {
      try {
        const reader = await createBarcodeReader();
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        const video = videoRef.current;
        if (stopped || !video) return;
        video.srcObject = stream;
        await video.play();
        const tick = async () => {
          if (stopped) return;
          if (video.readyState >= video.HAVE_CURRENT_DATA) {
            const [found] = await reader.detect(video).catch(() => []);
            if (found && !stopped) {
              onDetected(scannedText(found.rawValue, found.format));
              return;
            }
          }
          timer = setTimeout(tick, SCAN_INTERVAL_MS);
        };
        void tick();
      } catch (error) {
        if (!stopped) setProblem(error instanceof Error ? error.message : String(error));
      }
    }
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onDetected]);

  return (
    <div className="mt-3">
      {problem ? (
        <p role="alert" className="rounded-lg bg-red-50 p-2 text-sm text-red-900">
          {t('clerk.scan.cameraUnavailable', { reason: problem })}
        </p>
      ) : (
        <video ref={videoRef} muted playsInline data-testid="camera-preview" className="w-full max-w-md rounded-lg bg-black" />
      )}
    </div>
  );
}
