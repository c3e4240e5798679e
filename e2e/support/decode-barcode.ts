import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

// zxing-wasm fetches its wasm from a CDN by default; this machine has no internet, so load the package's copy.
const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });

/** Decodes barcodes in a PNG with ZXing, a decoder independent of the JsBarcode encoder that drew them. */
export async function decodeBarcodes(png: Buffer): Promise<ReadResult[]> {
  return readBarcodes(new Blob([new Uint8Array(png)], { type: 'image/png' }), {
    formats: ['EAN13', 'Code128', 'Codabar', 'QRCode'],
    tryHarder: true,
  });
}
