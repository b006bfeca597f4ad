/**
 * What installing the CLI brings: its production dependency tree (as pnpm resolves it for a
 * host) holds the testing kit the demo runs on, but none of the kit's test-only parts.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

interface Listed {
  readonly dependencies?: Readonly<Record<string, Listed>>;
}

/** Every package name in the production tree of `filter`. */
async function productionTree(filter: string): Promise<Set<string>> {
  const { stdout } = await run(
    'pnpm',
    ['--filter', filter, 'list', '--prod', '--depth', 'Infinity', '--json'],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const names = new Set<string>();
  const walk = (dependencies: Listed['dependencies']): void => {
    for (const [name, listed] of Object.entries(dependencies ?? {})) {
      names.add(name);
      walk(listed.dependencies);
    }
  };
  for (const listed of JSON.parse(stdout) as Listed[]) walk(listed.dependencies);
  return names;
}

describe("the CLI's runtime dependencies", () => {
  it('include the testing kit for the demo, and no test framework or property-test library', async () => {
    const tree = await productionTree('@switchboard/cli');
    expect(tree.has('@switchboard/testing')).toBe(true);
    expect(tree.has('commander')).toBe(true);
    for (const testOnly of ['fast-check', 'jest', '@swc/jest', 'typescript']) {
      expect(tree.has(testOnly)).toBe(false);
    }
  });
});
