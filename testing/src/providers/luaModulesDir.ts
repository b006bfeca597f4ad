import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = '@switchboard/testing';

/** The folder holding this package's `package.json`, found by walking up from `start`. */
function packageRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (
          (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME
        ) {
          return dir;
        }
      } catch {
        // not ours (or unreadable): keep walking
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Absolute path of the folder with the provider-emulation Prosody modules (`mod_sb_*.lua`), for
 * `plugin_paths`. Found by walking up from this file to the folder of
 * `@switchboard/testing`'s `package.json`, so it is the same from the sources (jest) and from
 * the built `dist/` files (ESM and CommonJS).
 */
export const luaModulesDir: string = join(packageRoot(__dirname) ?? join(__dirname, '..'), 'lua');
