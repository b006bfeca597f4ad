/**
 * The cold-start budget: `switchboard --help` loads only the command's own chunks and commander.
 * Walks the static imports of the built bin.js (dynamic `import()` of a command's body is not
 * followed) and checks that no protocol package is among them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI_BIN, requireBuiltCli } from './cli.testkit';

const STATIC_IMPORT = /^import\s[^;]*?from\s*['"]([^'"]+)['"];?|^import\s*['"]([^'"]+)['"];?/gm;

function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(STATIC_IMPORT)) {
    const specifier = match[1] ?? match[2] ?? '';
    if (specifier.startsWith('.')) {
      const chunk = join(dirname(file), specifier);
      if (seen.has(chunk)) continue;
      seen.add(chunk);
      staticImports(chunk, seen);
    } else {
      seen.add(specifier);
    }
  }
  return seen;
}

describe('the built command', () => {
  beforeAll(requireBuiltCli);

  it('when loaded for --help, imports commander but no protocol plugin or profile', () => {
    const loaded = [...staticImports(CLI_BIN)];
    expect(loaded).toContain('commander');
    expect(loaded.filter((s) => s.startsWith('@switchboard/'))).toEqual([]);
  });
});
