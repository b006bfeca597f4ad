import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import type { ProsodyOptions } from './ProsodyOptions';
import type { ProsodyInstall } from './readProsodyInstall';
import { sasl2Modules } from './renderConfig';

/** The first Prosody release with what `sasl2`, `ssdp` and `tlsServerEndPoint` need. */
export const PROSODY_FEATURES_MAJOR = 13;

/** The install command named by the error. */
const INSTALL =
  'apt-get install -y prosody prosody-modules (Debian trixie or newer; on bookworm add bookworm-backports as an apt source and install with -t bookworm-backports, as scripts/lib/ensure.sh does)';

/** What each option needs: a Prosody 13 and these modules (from Debian's `prosody-modules`). */
function needs(options: ProsodyOptions): { option: string; modules: string[] }[] {
  return [
    ...(sasl2Modules(options).length > 0
      ? [{ option: 'sasl2', modules: sasl2Modules(options) }]
      : []),
    ...(options.ssdp === true ? [{ option: 'ssdp', modules: ['sasl_ssdp'] }] : []),
    ...(options.tlsServerEndPoint === true ? [{ option: 'tlsServerEndPoint', modules: [] }] : []),
  ];
}

const readable = (file: string): Promise<boolean> =>
  access(file, constants.R_OK).then(
    () => true,
    () => false,
  );

/** Whether Prosody finds `mod_NAME` in one of `dirs`, as its module loader looks for it. */
async function hasModule(dirs: readonly string[], name: string): Promise<boolean> {
  for (const dir of dirs) {
    const candidates = [join(dir, `mod_${name}.lua`), join(dir, `mod_${name}`, `mod_${name}.lua`)];
    for (const file of candidates) if (await readable(file)) return true;
  }
  return false;
}

/**
 * Checks, before anything starts, that the installed Prosody can serve the options that need
 * Prosody 13 and `prosody-modules`: `sasl2` (mod_sasl2, sasl2_bind2, sasl2_sm unless stream
 * management is off, sasl2_fast unless `fast: false`), `ssdp` (mod_sasl_ssdp) and
 * `tlsServerEndPoint` (`tls_server_end_point_hash`, new in 13). A release that is not a plain
 * number (a nightly or source build) passes the version check; its modules are still looked for
 * in its plugin directory and `pluginPaths`.
 *
 * @throws SwitchboardError `SB_PROSODY_UNSUPPORTED` naming the option, the version found and the
 *   missing modules, with the command that installs them.
 */
export async function checkProsodyFeatures(
  options: ProsodyOptions,
  install: ProsodyInstall,
): Promise<void> {
  const dirs = [...(options.pluginPaths ?? []), install.pluginDir];
  for (const { option, modules } of needs(options)) {
    const tooOld = install.major !== undefined && install.major < PROSODY_FEATURES_MAJOR;
    const missing: string[] = [];
    for (const name of modules) if (!(await hasModule(dirs, name))) missing.push(`mod_${name}`);
    if (!tooOld && missing.length === 0) continue;
    const found = `Prosody ${install.version ?? '(version unknown)'}${missing.length > 0 ? ` without ${missing.join(', ')}` : ''}`;
    throw new SwitchboardError(
      'SB_PROSODY_UNSUPPORTED',
      `The option ${option} needs Prosody ${PROSODY_FEATURES_MAJOR} with Debian's prosody-modules, and this is ${found}: run ${INSTALL}.`,
      { details: { option, version: install.version, missing, pluginDir: install.pluginDir } },
    );
  }
}
