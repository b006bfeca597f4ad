import { readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What the test kit knows about an installed Prosody, read from its files (nothing is run). */
export interface ProsodyInstall {
  /** The release, e.g. `13.0.1`, from `prosody.version`; undefined if that file is missing. */
  readonly version: string | undefined;
  /** The major release number (`0` for 0.12.x, `13` for 13.0.x); undefined if not a release. */
  readonly major: number | undefined;
  /** Where Prosody looks for `mod_NAME.lua` and `mod_NAME/mod_NAME.lua` (`CFG_PLUGINDIR`). */
  readonly pluginDir: string;
}

/** The start of the launcher script, where Debian's (and `make install`'s) paths are set. */
const HEAD_BYTES = 4096;

const quoted = (script: string, name: string): string | undefined =>
  new RegExp(`^${name}\\s*=\\s*['"]([^'"]+)['"]`, 'm').exec(script)?.[1];

/**
 * Reads the Prosody behind `binary` (a resolved path): the launcher is a Lua script whose
 * `CFG_SOURCEDIR` and `CFG_PLUGINDIR` lines name the installed tree (`/usr/lib/prosody` and its
 * `modules/` on Debian); a source checkout has neither, and is its own source directory with
 * `plugins/`. The release is the text of `prosody.version` in the source directory. Running
 * `prosody --version` is avoided: it can wait on the terminal.
 */
export async function readProsodyInstall(binary: string): Promise<ProsodyInstall> {
  const file = await realpath(binary).catch(() => binary);
  const script = await readFile(file, 'utf8')
    .then((text) => text.slice(0, HEAD_BYTES))
    .catch(() => '');
  const sourceDir = quoted(script, 'CFG_SOURCEDIR') ?? dirname(file);
  const pluginDir = quoted(script, 'CFG_PLUGINDIR') ?? join(sourceDir, 'plugins');
  const version = await readFile(join(sourceDir, 'prosody.version'), 'utf8').then(
    (text) => text.trim() || undefined,
    () => undefined,
  );
  const release = version === undefined ? undefined : /^(\d+)\.\d+/.exec(version)?.[1];
  return { version, major: release === undefined ? undefined : Number(release), pluginDir };
}
