import { useQuery } from '@tanstack/react-query';
import JsBarcode from 'jsbarcode';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RotatingCode } from '../../../../contract/rotating-code';
import { useI18n } from '../../../lib/i18n';
import { rotatingCodeQueries } from '../api/rotating-code-queries';

/** 2 CSS px per module on whole device pixels: a 20-digit CODE128 then fits the card with its quiet zones. */
function moduleWidth(devicePixelRatio: number) {
  return Math.max(1, Math.round(2 * devicePixelRatio)) / devicePixelRatio;
}

function Code128({ code, label }: { code: string; label: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  useLayoutEffect(() => {
    if (!svgRef.current) return;
    const width = moduleWidth(window.devicePixelRatio);
    JsBarcode(svgRef.current, code, { format: 'CODE128', width, height: 64, margin: 10 * width, fontSize: 14, background: '#ffffff', font: 'ui-monospace, Menlo, monospace' });
  }, [code]);
  return <svg ref={svgRef} role="img" aria-label={label} data-testid="rotating-code" data-value={code} shapeRendering="crispEdges" className="block max-w-none" />;
}

/** QR only when the programme asks for it: uqr (~ 4 kB gzip) is loaded then, not in the initial bundle. */
function QrCode({ code, label }: { code: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ renderSVG }) => live && setSvg(renderSVG(code, { border: 4, pixelSize: 6 })));
    return () => {
      live = false;
    };
  }, [code]);
  // The SVG is generated locally from digits, never from outside input.
  return <div role="img" aria-label={label} data-testid="rotating-code" data-value={code} className="size-48" dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}

/** Seconds until the code renews, ticking each second; asks for the next code once it has expired. */
function useSecondsLeft(code: RotatingCode | undefined, onExpired: () => void) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= Date.parse(code.expiresAt)) onExpired();
    }, 1000);
    return () => clearInterval(timer);
  }, [code, onExpired]);
  return code ? Math.max(0, Math.ceil((Date.parse(code.expiresAt) - now) / 1000)) : 0;
}

/**
 * What a screen reader hears: nothing while the seconds tick, one polite line each time the code
 * renews (cleared first, so the same words are announced again).
 */
function useRenewalAnnouncement(code: string | undefined, words: string) {
  const [announcement, setAnnouncement] = useState('');
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (code === undefined) return;
    const renewed = shown.current !== undefined && shown.current !== code;
    shown.current = code;
    if (!renewed) return;
    setAnnouncement('');
    const timer = setTimeout(() => setAnnouncement(words), 100);
    return () => clearTimeout(timer);
  }, [code, words]);
  return announcement;
}

/**
 * The spend code in place of the member barcode: the changing code a clerk scans once to let this
 * checkout use points and coupons, with a countdown to its renewal and the way back to the card.
 */
export function SpendCode({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const query = useQuery(rotatingCodeQueries.current());
  const { refetch } = query;
  const secondsLeft = useSecondsLeft(query.data, refetch as () => void);
  const announcement = useRenewalAnnouncement(query.data?.code, t('spend.renewed'));
  const code = query.data;
  const titleRef = useRef<HTMLParagraphElement>(null);
  // Opening spend mode moves the focus to it, so a screen reader starts at its title.
  useEffect(() => titleRef.current?.focus(), []);
  const label = code ? t('spend.label', { code: code.code }) : '';
  return (
    <div className="flex w-full flex-col items-center gap-1 px-3" data-testid="spend-code">
      <p ref={titleRef} tabIndex={-1} className="text-sm font-bold outline-none">
        {t('spend.title')}
      </p>
      {query.isError && !code && (
        <p role="alert" className="py-4 text-sm text-red-900">
          {t('spend.unavailable')}
        </p>
      )}
      {!query.isError && !code && <p className="py-8 text-sm text-stone-500">{t('app.loading')}</p>}
      {code && (
        <>
          {code.symbology === 'QR' ? <QrCode code={code.code} label={label} /> : <Code128 code={code.code} label={label} />}
          <div className="h-1 w-full max-w-[280px] overflow-hidden rounded-full bg-stone-200" aria-hidden>
            <div className="h-full rounded-full bg-amber-500 transition-[width] duration-1000 ease-linear" style={{ width: `${(secondsLeft / code.periodSeconds) * 100}%` }} />
          </div>
          <p className="text-sm font-semibold tabular-nums" data-testid="spend-countdown">
            {t('spend.countdown', { seconds: secondsLeft })}
          </p>
          <p className="text-center text-xs text-stone-500">{t('spend.hint')}</p>
        </>
      )}
      <p className="sr-only" aria-live="polite" data-testid="spend-announcement">
        {announcement}
      </p>
      <button type="button" className="mt-1 text-sm font-semibold text-stone-700 underline underline-offset-2" onClick={onBack}>
        {t('spend.back')}
      </button>
    </div>
  );
}
