/**
 * The licence notices of third-party code a package's build carries inside it (core bundles
 * inversify, the XMPP plugin bundles its xmpp.js parts). esbuild marks each bundled file with a
 * `// ../node_modules/.pnpm/…/node_modules/NAME/…` comment; every package named that way gets
 * its name, version, licence and licence text in `dist/THIRD_PARTY_LICENSES.md`, which ships
 * with the package.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BUNDLED =
  /^\/\/ ((?:\.\.\/)+node_modules\/\.pnpm\/[^/]+\/node_modules\/(?:@[^/]+\/)?[^/]+)\//gm;

interface Bundled {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly text: string | undefined;
}

function readBundled(dir: string): Bundled {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.md|\.txt)?$/i.test(f));
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? 'see the package',
    text: file === undefined ? undefined : readFileSync(join(dir, file), 'utf8').trim(),
  };
}

/** The packages whose code the built `.js` files of `distDir` carry, by name. */
export function bundledPackages(distDir: string): Bundled[] {
  const dirs = new Set<string>();
  for (const file of readdirSync(distDir).filter((f) => f.endsWith('.js'))) {
    for (const match of readFileSync(join(distDir, file), 'utf8').matchAll(BUNDLED)) {
      dirs.add(resolve(distDir, '..', match[1] as string));
    }
  }
  const byName = new Map<string, Bundled>();
  for (const dir of dirs) {
    const bundled = readBundled(dir);
    byName.set(`${bundled.name}@${bundled.version}`, bundled);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Writes `dist/THIRD_PARTY_LICENSES.md` when the build carries third-party code. */
export function writeThirdPartyNotices(packageDir: string): void {
  const distDir = join(packageDir, 'dist');
  if (!existsSync(distDir)) return;
  const bundled = bundledPackages(distDir);
  if (bundled.length === 0) return;
  const sections = bundled.map((b) =>
    [
      `## ${b.name} ${b.version} (${b.license})`,
      '',
      b.text ?? `No licence file ships with this package; its package.json declares ${b.license}.`,
    ].join('\n'),
  );
  const text = [
    '# Third-party code in this package',
    '',
    'The built files in `dist/` include the following packages, under their own licences.',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
  writeFileSync(join(distDir, 'THIRD_PARTY_LICENSES.md'), text);
}
