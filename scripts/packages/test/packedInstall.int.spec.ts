/**
 * The published packages as a host gets them: each is packed with `pnpm pack` (what a registry
 * would receive), installed into a brand-new project outside the workspace, and used from an ES
 * module host, a CommonJS host, an esbuild bundle of the ES module host (no banner added), and a
 * `tsc` type check under `nodenext` and `node10` resolution. Needs the packages built (`pnpm build`).
 *
 * The install uses pnpm's store (`--prefer-offline`): the third-party packages are the workspace's
 * own, so nothing is downloaded on a machine that has installed the workspace.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const PACKAGES = ['core', 'sasl', 'plugins/xmpp', 'profiles/jabber'];
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const ESBUILD = join(ROOT, 'node_modules/esbuild/bin/esbuild');

/** What each host prints: the real results of calls into the installed packages. */
const EXPECTED = {
  profiles: ['jabber'],
  addressError: 'SB_ADDRESS_INVALID',
  greeting: 'hello',
  saslprep: 'n=ix', // SASLprep maps U+2178 SMALL ROMAN NUMERAL NINE to "ix" (NFKC)
  tokenStore: 'function',
  external: 'EXTERNAL',
};

async function sh(file: string, args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe('the packed packages in a new project', () => {
  let project: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'sb-packed-'));
    const tarballs = join(project, 'tarballs');
    for (const dir of PACKAGES) {
      await sh('pnpm', ['pack', '--pack-destination', tarballs], join(ROOT, dir));
    }
    const dependencies: Record<string, string> = {};
    for (const file of readdirSync(tarballs)) {
      // switchboard-profile-jabber-0.1.0.tgz → @switchboard/profile-jabber
      const name = `@switchboard/${file.replace(/^switchboard-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`;
      dependencies[name] = `file:./tarballs/${file}`;
    }
    // The packed manifests ask for ^0.1.0 of each other: the tarballs stand in for the registry.
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'host',
        private: true,
        dependencies,
        devDependencies: { '@types/node': '20.19.43' },
        pnpm: { overrides: dependencies },
      }),
    );
    cpSync(join(__dirname, 'host'), project, { recursive: true });
    await sh(
      'pnpm',
      [
        'install',
        '--prefer-offline',
        '--ignore-workspace',
        '--no-frozen-lockfile',
        '--reporter=silent',
      ],
      project,
    );
  }, 120_000);

  afterAll(() => {
    if (project !== undefined) rmSync(project, { recursive: true, force: true });
  });

  it('when imported by an ES module host, works', async () => {
    expect(JSON.parse(await sh(process.execPath, ['host.mjs'], project))).toEqual(EXPECTED);
  });

  it('when required by a CommonJS host, works', async () => {
    expect(JSON.parse(await sh(process.execPath, ['host.cjs'], project))).toEqual(EXPECTED);
  });

  it('when an ES module host is bundled with esbuild (no banner), the bundle works', async () => {
    await sh(
      ESBUILD,
      [
        'host.mjs',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--outfile=bundle.mjs',
        '--log-level=error',
      ],
      project,
    );
    expect(JSON.parse(await sh(process.execPath, ['bundle.mjs'], project))).toEqual(EXPECTED);
  });

  it.each(['nodenext', 'node10'])(
    'when type-checked with %s resolution, has no errors',
    async (mode) => {
      await expect(
        sh(process.execPath, [TSC, '-p', `tsconfig.${mode}.json`], project),
      ).resolves.toBe('');
    },
  );

  it('when installed, needs no inversify package: the one copy is in core', () => {
    // Core carries inversify in its build (and its types in its declarations); the hosts above
    // bound their own service through it.
    const installed = readdirSync(join(project, 'node_modules/.pnpm'));
    expect(installed.filter((d) => /^(inversify|@inversifyjs\+)/.test(d))).toEqual([]);
  });
});
