/**
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab /
 * carriage return that some importers strip before looking) gets a leading apostrophe, so a store
 * name or username like `=HYPERLINK(…)` is shown as text instead of run when the export is opened
 * (OWASP "CSV injection"). Numbers are written as numbers: a negative figure stays a number.
 */
export function neutraliseFormula(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV with a BOM, so Excel in Japan opens Japanese headers correctly. */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) => {
    const text = neutraliseFormula(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return '\uFEFF' + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
