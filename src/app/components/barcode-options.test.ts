import { describe, expect, it } from 'vitest';
import { SymbologySchema } from '../../contract/card';
import { barcodeRenderOptions, DRAWN_FORMATS, leftQuietZoneModules, moduleWidthFor } from './barcode-options';

describe('barcode render options', () => {
  it('draws every symbology the programme config accepts with a format the build keeps', () => {
    for (const symbology of SymbologySchema.options) expect(DRAWN_FORMATS).toContain(barcodeRenderOptions(symbology, '2900000000025', 3).format);
  });

  it('keeps the EAN-13 quiet zone of 11 modules left and 7 right', () => {
    const options = barcodeRenderOptions('EAN13', '2900000000025', 3);
    expect(leftQuietZoneModules(options)).toBeGreaterThanOrEqual(11);
    expect(options.marginRight).toBe(7 * options.width);
    expect(options.format).toBe('EAN13');
  });

  it('gives CODE128 and NW-7 ten modules each side and prints only the digits', () => {
    const nw7 = barcodeRenderOptions('NW7', '2900000000025', 2);
    expect(leftQuietZoneModules(nw7)).toBe(10);
    expect(nw7.marginRight).toBe(10 * nw7.width);
    expect(nw7.value).toBe('A2900000000025A');
    expect(nw7.text).toBe('2900000000025');
  });

  it('fits a 390 px wide phone with the card padding: EAN-13 at 3 px per module is under 360 px', () => {
    const o = barcodeRenderOptions('EAN13', '2900000000025', 3);
    const totalModules = leftQuietZoneModules(o) + 95 + o.marginRight / o.width;
    expect(totalModules * o.width).toBeLessThanOrEqual(360);
  });

  it.each([1, 1.5, 2, 2.625, 3, 3.5])('puts each module on whole device pixels at DPR %d', (dpr) => {
    const width = moduleWidthFor(dpr);
    expect(Number.isInteger(Math.round(width * dpr * 1e6) / 1e6)).toBe(true);
    expect(width).toBeGreaterThanOrEqual(2);
    expect(width).toBeLessThanOrEqual(3.34);
  });
});
