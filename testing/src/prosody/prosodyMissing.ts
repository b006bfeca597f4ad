import { SwitchboardError } from '@switchboard/core';

/** The SB_PROSODY_MISSING error for a binary that is not installed (or not on PATH). */
export function prosodyMissing(binary: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(
    'SB_PROSODY_MISSING',
    `Prosody is not installed (${binary} not found on PATH): run \`apt-get install -y prosody prosody-modules\` (Debian trixie or newer; on bookworm \`-t bookworm-backports\`, as scripts/lib/ensure.sh does).`,
    cause === undefined ? { details: { binary } } : { cause, details: { binary } },
  );
}
