import { readFile, writeFile } from 'node:fs/promises';

const BEGIN = '<!-- bench:results:begin (written by `pnpm bench`; edit the text around it) -->';
const END = '<!-- bench:results:end -->';

/**
 * Puts `generated` between the result markers of the page at `file`, keeping the hand-written
 * text around them; creates a page with just the markers when the file is missing.
 */
export async function writeResults(file: string, generated: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => `# Performance\n\n${BEGIN}\n${END}\n`);
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${file} has no result markers; add the lines\n${BEGIN}\n${END}`);
  }
  const next = `${current.slice(0, start + BEGIN.length)}\n\n${generated}\n\n${current.slice(end)}`;
  await writeFile(file, next);
}
