/**
 * Replaces whole keys inside ledger keys and lot ids (`lot:<key>`, `expire:lot:<key>`): a key
 * matches only between `:`s or the ends, so renaming `x:1` never touches `x:10` or `ax:1`.
 */
export function keyRenamer(renames: Array<{ from: string; to: string }>): (text: string) => string {
  const patterns = renames.map(({ from, to }) => ({ pattern: new RegExp(`(?<=^|:)${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|:)`, 'g'), to }));
  return (text) => patterns.reduce((acc, { pattern, to }) => acc.replace(pattern, () => to), text);
}
