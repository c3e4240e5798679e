import { BarcodeDetector as ZXingBarcodeDetector, prepareZXingModule, type BarcodeFormat } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// The polyfill fetches its wasm from a CDN by default; serve the bundled copy from our own origin instead.
// package.json pins zxing-wasm to the exact version barcode-detector depends on, so this is the wasm its JS expects.
prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
});

/** Member numbers (EAN-13, CODE128, NW-7), rotating codes (CODE128 or QR) and coupon codes (CODE128). */
export const CLERK_FORMATS: BarcodeFormat[] = ['ean_13', 'code_128', 'codabar', 'qr_code'];

type Detector = { detect: (source: ImageBitmapSource) => Promise<Array<{ rawValue: string; format: string }>> };

/** The browser's own BarcodeDetector where it reads every format we need, the ZXing WebAssembly one elsewhere. */
export async function createBarcodeReader(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: typeof ZXingBarcodeDetector }).BarcodeDetector;
  if (native) {
    const supported = await native.getSupportedFormats().catch(() => [] as BarcodeFormat[]);
    if (CLERK_FORMATS.every((format) => supported.includes(format))) return new native({ formats: CLERK_FORMATS });
  }
  return new ZXingBarcodeDetector({ formats: CLERK_FORMATS });
}

/** NW-7 (Codabar) carries start/stop letters around the digits; the lookup wants the digits. */
export function scannedText(rawValue: string, format: string): string {
  return format === 'codabar' ? rawValue.replace(/^[A-D]|[A-D]$/gi, '') : rawValue;
}
