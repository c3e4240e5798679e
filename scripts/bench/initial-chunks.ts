/**
 * The chunks a browser downloads before an entry runs: the entry and, transitively, every chunk it
 * imports statically (dynamic imports excluded). Shared by the bundle bench and the shopper-bundle test.
 */
export function initialChunkFiles(chunks: ReadonlyMap<string, { imports: readonly string[] }>, entryFileName: string): Set<string> {
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  visit(entryFileName);
  return initial;
}
