import JsBarcode from 'jsbarcode';
import { useLayoutEffect, useRef } from 'react';
import type { Symbology } from '../../contract/card';
import { barcodeRenderOptions } from './barcode-options';

/** A scannable code drawn as SVG at its natural size (never scaled to fit), digits under the bars. */
export function Barcode({ value, symbology, label, testId }: { value: string; symbology: Symbology; label: string; testId?: string }) {
  const svgRef = useRef<SVGSVGElement>(null);

  useLayoutEffect(() => {
    if (!svgRef.current) return;
    const { value: encoded, ...options } = barcodeRenderOptions(symbology, value, window.devicePixelRatio);
    JsBarcode(svgRef.current, encoded, { ...options, font: 'ui-monospace, Menlo, monospace' });
  }, [value, symbology]);

  return (
    <svg
      ref={svgRef}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      shapeRendering="crispEdges"
      className="block max-w-none"
    />
  );
}
