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

function RotatingCodeBody() {
  const { t } = useI18n();
  const query = useQuery(rotatingCodeQueries.current());
  const { refetch } = query;
  const secondsLeft = useSecondsLeft(query.data, refetch as () => void);
  if (query.isError) return <p role="alert" className="text-sm text-red-900">{query.error.message}</p>;
  if (!query.data) return <p className="text-sm text-stone-500">{t('app.loading')}</p>;
  const label = t('rotating.label', { code: query.data.code });
  return (
    <div className="flex flex-col items-center gap-1">
      {query.data.symbology === 'QR' ? <QrCode code={query.data.code} label={label} /> : <Code128 code={query.data.code} label={label} />}
      <p className="text-xs text-stone-500">
        {t('rotating.hint', { seconds: query.data.periodSeconds })} · {t('rotating.renews', { seconds: secondsLeft })}
      </p>
    </div>
  );
}

/** The changing code a clerk scans to let the shopper spend points or coupons. */
export function RotatingCodePanel() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section aria-label={t('rotating.title')} className="w-full max-w-[366px] rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200">
      <button type="button" aria-expanded={open} className="w-full text-sm font-semibold" onClick={() => setOpen((o) => !o)}>
        {open ? t('rotating.hide') : t('rotating.show')}
      </button>
      {open && (
        <div className="mt-2 flex justify-center">
          <RotatingCodeBody />
        </div>
      )}
    </section>
  );
}
