import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './csv';

describe('toCsv', () => {
  it('quotes cells with commas, quotes or line breaks and starts with a BOM for Excel', () => {
    expect(toCsv(['店舗', 'spend'], [['shibuya', 105000], ['a,"b"', 1]])).toBe('\uFEFF店舗,spend\r\nshibuya,105000\r\n"a,""b""",1\r\n');
  });

  it('writes a cell that a spreadsheet would run as a formula as text', () => {
    const csv = toCsv(['store', 'spend'], [
      ['=HYPERLINK("http://evil.example","click")', 1],
      ['+1+1', 2],
      ['-2+3', 3],
      ['@SUM(A1)', 4],
      ['\t=1+1', 5],
      ['\r=1+1', 6],
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")",1\r\n`);
    expect(csv).toContain("\r\n'+1+1,2\r\n'-2+3,3\r\n'@SUM(A1),4\r\n'\t=1+1,5\r\n");
    expect(csv).toContain(`"'\r=1+1",6`);
  });
});

describe('neutraliseFormula', () => {
  it('leaves numbers, negative ones included, and ordinary text alone', () => {
    expect(neutraliseFormula(-1200)).toBe('-1200');
    expect(neutraliseFormula('渋谷店')).toBe('渋谷店');
    expect(neutraliseFormula('a=b')).toBe('a=b');
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes text starting with %j by an apostrophe', (lead) => {
    expect(neutraliseFormula(`${lead}1`)).toBe(`'${lead}1`);
  });
});
