import type { Symbology } from '../../contract/card';

/**
 * How the member number is drawn so a 1D scanner reads it off a phone screen: the symbology's
 * quiet zone in modules (EAN-13: 11 left, 7 right; CODE128 / NW-7: 10), and a module width
 * that is a whole number of device pixels near 3 CSS px, so no bar is blurred or stretched.
 */

/** JsBarcode's formats the app draws (member codes and the CODE128 spend code); the build keeps only these (vite.config.ts). */
export const DRAWN_FORMATS = ['EAN13', 'CODE128', 'codabar'] as const;

export type BarcodeRenderOptions = {
  format: (typeof DRAWN_FORMATS)[number];
  value: string;
  text: string;
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  marginTop: number;
  marginBottom: number;
  fontSize: number;
  textMargin: number;
  background: string;
  lineColor: string;
  displayValue: true;
};

const QUIET_ZONE_MODULES: Record<Symbology, { left: number; right: number }> = {
  EAN13: { left: 11, right: 7 },
  CODE128: { left: 10, right: 10 },
  NW7: { left: 10, right: 10 },
};

const TARGET_MODULE_CSS_PX = 3;

/**
 * JsBarcode draws the EAN-13 leading digit in a blank block of this many modules before the
 * left guard, inside the quiet zone (where GS1 prints it too); the margin only adds the rest.
 */
export const EAN13_LEADING_DIGIT_MODULES = 12;
const EAN13_EXTRA_LEFT_MODULES = 2;

/** Total blank modules left of the first bar. */
export function leftQuietZoneModules(options: BarcodeRenderOptions): number {
  const margin = Math.round(options.marginLeft / options.width);
  return options.format === 'EAN13' ? margin + EAN13_LEADING_DIGIT_MODULES : margin;
}

/** Module width in CSS px that lands on whole device pixels (e.g. 3 at DPR 1–3, 2.67 at DPR 2.625 → 7 device px). */
export function moduleWidthFor(devicePixelRatio: number): number {
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const devicePixels = Math.max(2, Math.round(TARGET_MODULE_CSS_PX * ratio));
  return devicePixels / ratio;
}

export function barcodeRenderOptions(symbology: Symbology, value: string, devicePixelRatio: number): BarcodeRenderOptions {
  const width = moduleWidthFor(devicePixelRatio);
  const quiet = QUIET_ZONE_MODULES[symbology];
  const common = {
    text: value,
    width,
    height: 90,
    marginLeft: quiet.left * width,
    marginRight: quiet.right * width,
    marginTop: 12,
    marginBottom: 8,
    fontSize: 18,
    textMargin: 4,
    background: '#ffffff',
    lineColor: '#000000',
    displayValue: true as const,
  };
  switch (symbology) {
    case 'EAN13':
      return { ...common, format: 'EAN13', value: value, marginLeft: EAN13_EXTRA_LEFT_MODULES * width };
    case 'CODE128':
      return { ...common, format: 'CODE128', value: value };
    case 'NW7':
      // NW-7 (Codabar) needs start/stop characters; the digits alone are printed.
      return { ...common, format: 'codabar', value: `A${value}A` };
  }
}
