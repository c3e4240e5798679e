import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes cells with commas, quotes or line breaks and starts with a BOM for Excel', () => {
    expect(toCsv(['店舗', 'spend'], [['shibuya', 105000], ['a,"b"', 1]])).toBe('\uFEFF店舗,spend\r\nshibuya,105000\r\n"a,""b""",1\r\n');
  });
});
