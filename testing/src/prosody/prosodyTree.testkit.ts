/**
 * Test helper: a fake installed Prosody in a temporary directory, laid out as Debian lays out the
 * real one (a launcher script naming its source and plugin directories, `prosody.version`, modules
 * as `mod_NAME.lua` or `mod_NAME/mod_NAME.lua`).
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What to put in the fake install. */
export interface FakeProsody {
  /** `prosody.version`'s text; absent: no such file. */
  readonly version?: string;
  /** Module names written as `modules/mod_NAME/mod_NAME.lua`. */
  readonly modules?: readonly string[];
}

/** A fake install: the launcher (also usable as `prosodyctl`), its plugin dir and a cleanup. */
export interface FakeProsodyTree {
  readonly dir: string;
  readonly binary: string;
  readonly pluginDir: string;
  remove(): Promise<void>;
}

export async function fakeProsody(fake: FakeProsody): Promise<FakeProsodyTree> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-fake-prosody-'));
  const sourceDir = join(dir, 'lib');
  const pluginDir = join(sourceDir, 'modules');
  const binary = join(dir, 'prosody');
  await mkdir(pluginDir, { recursive: true });
  await writeFile(
    binary,
    `#!/bin/sh\n-- a launcher as Debian's\nCFG_SOURCEDIR='${sourceDir}';\nCFG_PLUGINDIR='${pluginDir}/';\nexit 3\n`,
  );
  await chmod(binary, 0o755);
  if (fake.version !== undefined) await writeFile(join(sourceDir, 'prosody.version'), fake.version);
  for (const name of fake.modules ?? []) {
    await mkdir(join(pluginDir, `mod_${name}`));
    await writeFile(join(pluginDir, `mod_${name}`, `mod_${name}.lua`), '-- module\n');
  }
  return {
    dir,
    binary,
    pluginDir: `${pluginDir}/`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
