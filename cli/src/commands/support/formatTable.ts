/**
 * A plain-text table: a header row, then one row per entry, columns padded to their widest cell
 * and separated by two spaces; no trailing spaces. Cells are single-line text.
 */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string[] {
  const all = [headers, ...rows];
  const widths = headers.map((_, column) =>
    Math.max(...all.map((row) => (row[column] ?? '').length)),
  );
  return all.map((row) =>
    headers
      .map((_, column) => (row[column] ?? '').padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
