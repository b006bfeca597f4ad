import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repoRoot';
import { generateCommand, generatedDocs } from './generatedDocs';
import { staleness } from './staleness';

/** `pnpm docs:generate` runs this file with SB_WRITE_DOCS=1: it writes instead of comparing. */
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by jest, not by a turbo task
const write = process.env.SB_WRITE_DOCS === '1';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

describe('generated docs', () => {
  it.each(generatedDocs().map((doc) => [doc.path, doc.content]))(
    'when %s is compared with what the sources give',
    (path, content) => {
      const file = join(repoRoot, path);
      if (write) {
        if (read(file) !== content) writeFileSync(file, content);
        return;
      }
      const problem = staleness(path, read(file), content, generateCommand);
      if (problem !== undefined) throw new Error(problem);
    },
  );
});
