/**
 * Why `onDisk` is not `expected`, naming the first line that differs and the command that
 * regenerates the file; undefined when they are equal.
 */
export function staleness(
  path: string,
  onDisk: string | undefined,
  expected: string,
  command: string,
): string | undefined {
  if (onDisk === expected) return undefined;
  const fix = `Run \`${command}\` and commit the result.`;
  if (onDisk === undefined) return `${path} is missing. ${fix}`;
  const have = onDisk.split('\n');
  const want = expected.split('\n');
  let line = 0;
  while (line < have.length && line < want.length && have[line] === want[line]) line += 1;
  return [
    `${path} is out of date with the sources it is generated from (first difference at line ${line + 1}). ${fix}`,
    `  on disk:   ${have[line] ?? '(end of file)'}`,
    `  generated: ${want[line] ?? '(end of file)'}`,
  ].join('\n');
}
