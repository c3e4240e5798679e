import JsBarcode from 'jsbarcode';
import { useLayoutEffect, useRef } from 'react';
import type { Symbology } from '../../../../contract/card';
import { barcodeRenderOptions } from './barcode-options';

/** The scannable member code, drawn as SVG at its natural size (never scaled to fit). */
export function MemberBarcode({ memberNumber, symbology, label }: { memberNumber: string; symbology: Symbology; label: string }) {
  const svgRef = useRef<SVGSVGElement>(null);

  useLayoutEffect(() => {
    if (!svgRef.current) return;
    const { value, ...options } = barcodeRenderOptions(symbology, memberNumber, window.devicePixelRatio);
    JsBarcode(svgRef.current, value, { ...options, font: 'ui-monospace, Menlo, monospace' });
  }, [memberNumber, symbology]);

  return (
    <svg
      ref={svgRef}
      role="img"
      aria-label={label}
      data-testid="member-barcode"
      data-member-number={memberNumber}
      shapeRendering="crispEdges"
      className="block max-w-none"
    />
  );
}
