import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repoRoot';
import type { Snippet } from './extractSnippets';
import { runnableModule } from './runnableModule';
import { collectSnippets } from './snippetSources';
import { type SnippetCheck, snippetFileName, typecheckSnippets } from './typecheckSnippets';
import { workspacePackages } from './workspacePackages';

/**
 * Every ```ts block of README.md, docs/ and the package READMEs is type-checked against the
 * workspace sources; blocks marked `<!-- snippet: run -->` are run too. See docs/README.md for
 * the markers.
 */
const { snippets, problems } = collectSnippets(repoRoot);
const checked = snippets.filter((s) => s.mode !== 'skip');
const label = (s: Snippet): string => `${s.file}:${s.line}`;
const packages = workspacePackages(repoRoot).map((dir) => join(repoRoot, dir));

/** A bare import the root cannot load (e.g. `inversify`), from the first package that has it. */
function fromWorkspace(specifier: string): string | undefined {
  if (
    specifier.startsWith('.') ||
    specifier.startsWith('node:') ||
    specifier.startsWith('@switchboard/')
  ) {
    return undefined;
  }
  try {
    require.resolve(specifier);
    return undefined;
  } catch {
    for (const dir of packages) {
      try {
        return require.resolve(specifier, { paths: [dir] });
      } catch {
        // not a dependency of this package
      }
    }
    return undefined;
  }
}

describe('doc snippets', () => {
  let dir: string;
  let check: SnippetCheck;

  beforeAll(() => {
    // Inside the repository (and gitignored), so workspace paths and node_modules resolve.
    const parent = join(repoRoot, '.switchboard-tmp');
    mkdirSync(parent, { recursive: true });
    dir = mkdtempSync(join(parent, 'doc-snippets-'));
    check = typecheckSnippets(repoRoot, dir, checked);
  });

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('when the docs are read, every marker is understood', () => {
    expect(problems).toEqual([]);
    expect(checked.length).toBeGreaterThan(0);
  });

  it('when the snippets are type-checked, the program itself has no errors', () => {
    expect(check.global).toEqual([]);
  });

  it.each(checked.map((s) => [label(s), s] as const))(
    'when %s is type-checked, it compiles',
    (_, snippet) => {
      expect(check.errorsOf(snippet)).toEqual([]);
    },
  );

  const runnable = checked.filter((s) => s.mode === 'run');
  if (runnable.length > 0) {
    it.each(runnable.map((s) => [label(s), s] as const))(
      'when %s runs, it completes',
      async (_, snippet) => {
        const path = join(dir, snippetFileName(snippet, '.run'));
        writeFileSync(path, runnableModule(snippet, fromWorkspace));
        const module = require(path) as { run(): Promise<void> };
        await module.run();
      },
    );
  }
});
