import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SINGLE = ['core', 'sasl', 'testing', 'bench', 'cli'];
const PARENTS = ['plugins', 'profiles', 'examples'];

/**
 * The workspace's package folders (as in pnpm-workspace.yaml), relative to the root, that have
 * a package.json. Snippets resolve third-party imports (e.g. `inversify`) from their
 * dependencies, as a reader's project would have them installed.
 */
export function workspacePackages(root: string): string[] {
  const candidates = [
    ...SINGLE,
    ...PARENTS.flatMap((parent) =>
      existsSync(join(root, parent))
        ? readdirSync(join(root, parent), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => join(parent, entry.name))
        : [],
    ),
  ];
  return candidates.filter((dir) => existsSync(join(root, dir, 'package.json')));
}
